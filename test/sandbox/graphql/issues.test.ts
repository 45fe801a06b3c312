import { describe, it, expect } from '@jest/globals';
import { sandbox, type Json } from './test-helpers.js';

const REPO = 'repository(owner: "acme", name: "community")';

/** `2026-01-01T00:00:00Z` plus `minutes` */
const at = (minutes: number) =>
  new Date(Date.parse('2026-01-01T00:00:00Z') + minutes * 60_000).toISOString().replace('.000Z', 'Z');

describe('issues: cursor pagination', () => {
  it('pages 250 labelled issues with their comments and label events in 3 pages', async () => {
    const { state, data } = sandbox({ labels: ['vep', 'sig/compute'] });
    for (let n = 1; n <= 250; n++) {
      state.now = at(n);
      state.createIssue({ title: `issue ${n}`, author: 'alice', labels: ['vep'] });
      state.addComment(n, 'bob', `first on ${n}`);
      state.addLabel(n, 'sig/compute', 'carol');
      state.addComment(n, 'dave', `second on ${n}`);
      if (n % 2 === 0) state.removeLabel(n, 'sig/compute', 'carol');
    }
    state.createIssue({ title: 'unlabelled', author: 'alice' });

    const query = `query($after: String) { ${REPO} {
      issues(first: 100, after: $after, labels: ["VEP"], states: [OPEN]) {
        totalCount
        pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
        nodes { number
          comments(first: 10) { totalCount nodes { author { login } body } }
          timelineItems(first: 20, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {
            nodes { __typename ... on LabeledEvent { label { name } actor { login } }
                               ... on UnlabeledEvent { label { name } actor { login } } } } } } } }`;
    const pages: Json[] = [];
    let after: string | null = null;
    do {
      const d: Json = await data(query, { after });
      pages.push(d.repository.issues);
      after = d.repository.issues.pageInfo.hasNextPage ? d.repository.issues.pageInfo.endCursor : null;
    } while (after && pages.length < 5);

    expect(pages.map((p) => p.nodes.length)).toEqual([100, 100, 50]);
    expect(pages.map((p) => p.totalCount)).toEqual([250, 250, 250]);
    expect(pages.map((p) => [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    // each page starts right after the previous page's end cursor: every issue once, in creation order
    const numbers = pages.flatMap((p) => p.nodes.map((n: Json) => n.number));
    expect(numbers).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(pages[1].pageInfo.startCursor).not.toEqual(pages[0].pageInfo.endCursor);

    const even = pages[1].nodes.find((n: Json) => n.number === 150);
    expect(even.comments).toEqual({
      totalCount: 2,
      nodes: [
        { author: { login: 'bob' }, body: 'first on 150' },
        { author: { login: 'dave' }, body: 'second on 150' },
      ],
    });
    expect(even.timelineItems.nodes).toEqual([
      { __typename: 'LabeledEvent', label: { name: 'vep' }, actor: { login: 'alice' } },
      { __typename: 'LabeledEvent', label: { name: 'sig/compute' }, actor: { login: 'carol' } },
      { __typename: 'UnlabeledEvent', label: { name: 'sig/compute' }, actor: { login: 'carol' } },
    ]);
    const odd = pages[2].nodes.find((n: Json) => n.number === 201);
    expect(odd.timelineItems.nodes.map((n: Json) => n.__typename)).toEqual(['LabeledEvent', 'LabeledEvent']);
  });

  it('pages backwards with last/before and filters with filterBy', async () => {
    const { state, data } = sandbox({ labels: ['a', 'b'] });
    for (let n = 1; n <= 5; n++) {
      state.now = at(n);
      state.createIssue({ title: `i${n}`, author: n === 3 ? 'zed' : 'alice', labels: n % 2 ? ['a'] : ['b'] });
    }
    state.now = at(10);
    state.close(4, 'alice');
    const last = await data(
      `{ ${REPO} { issues(last: 2) { nodes { number } pageInfo { startCursor hasPreviousPage hasNextPage } } } }`,
    );
    expect(last.repository.issues.nodes).toEqual([{ number: 4 }, { number: 5 }]);
    expect(last.repository.issues.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await data(
      `query($c: String) { ${REPO} { issues(last: 2, before: $c) { nodes { number } } } }`,
      {
        c: last.repository.issues.pageInfo.startCursor,
      },
    );
    expect(before.repository.issues.nodes).toEqual([{ number: 2 }, { number: 3 }]);

    const filtered = await data(`{ ${REPO} {
      byLabel: issues(first: 10, filterBy: { labels: ["b"], states: [CLOSED] }) { nodes { number state closed } }
      since: issues(first: 10, filterBy: { since: "${at(10)}" }) { nodes { number } }
      mine: issues(first: 10, filterBy: { createdBy: "zed" }) { nodes { number } }
      newest: issues(first: 2, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { number } } } }`);
    expect(filtered.repository).toEqual({
      byLabel: { nodes: [{ number: 4, state: 'CLOSED', closed: true }] },
      since: { nodes: [{ number: 4 }] },
      mine: { nodes: [{ number: 3 }] },
      newest: { nodes: [{ number: 5 }, { number: 4 }] },
    });
  });

  it('lists labels with a query and a label with its issues and pull requests', async () => {
    const { state, data } = sandbox({ labels: ['sig/network', 'sig/storage', 'lgtm'] });
    state.createIssue({ title: 'i', author: 'alice', labels: ['sig/network'] });
    state.createPull({ title: 'p', author: 'bob', head: 'f', files: { x: '1' }, labels: ['sig/network'] });
    const d = await data(`{ ${REPO} {
      labels(first: 10, query: "sig/") { totalCount nodes { name color } }
      label(name: "SIG/network") { name issues(first: 5) { nodes { number } } pullRequests(first: 5) { nodes { number } } }
      missing: label(name: "nope") { name } } }`);
    expect(d.repository.labels).toEqual({
      totalCount: 2,
      nodes: [
        { name: 'sig/network', color: 'ededed' },
        { name: 'sig/storage', color: 'ededed' },
      ],
    });
    expect(d.repository.label).toEqual({
      name: 'sig/network',
      issues: { nodes: [{ number: 1 }] },
      pullRequests: { nodes: [{ number: 2 }] },
    });
    expect(d.repository.missing).toBeNull();
  });
});

describe('timelineItems', () => {
  function timelineFixture() {
    const sb = sandbox({ labels: ['vep'], collaborators: { rev: 'write' } });
    const { state } = sb;
    state.now = at(0);
    state.createPull({
      title: 'old title',
      author: 'alice',
      head: 'feature',
      files: { 'doc.md': 'v1\n' },
      labels: ['vep'],
    });
    state.now = at(1);
    state.addComment(1, 'bob', 'looks fine');
    state.now = at(2);
    state.requestReviewers(1, ['rev'], [], 'alice');
    state.now = at(3);
    state.pushToPull(1, { 'doc.md': 'v2\n' }, 'alice');
    state.now = at(4);
    state.addReview(1, 'rev', 'APPROVED');
    state.now = at(5);
    state.setTitleBody(1, { title: 'new title' }, 'alice');
    state.removeLabel(1, 'vep', 'bob');
    state.now = at(6);
    state.merge(1, 'rev');
    return sb;
  }

  it('merges events, comments, reviews and commits in time order', async () => {
    const { data } = timelineFixture();
    const d = await data(`{ ${REPO} { pullRequest(number: 1) { timelineItems(first: 50) { totalCount nodes {
      __typename
      ... on ReviewRequestedEvent { requestedReviewer { ... on User { login } } }
      ... on PullRequestCommit { commit { oid committedDate pushedDate } }
      ... on RenamedTitleEvent { previousTitle currentTitle }
      ... on MergedEvent { mergeCommit: commit { oid } mergeRefName }
      ... on ClosedEvent { actor { login } }
    } } } } }`);
    const items = d.repository.pullRequest.timelineItems.nodes;
    expect(items.map((i: Json) => i.__typename)).toEqual([
      'PullRequestCommit',
      'LabeledEvent',
      'IssueComment',
      'ReviewRequestedEvent',
      'PullRequestCommit',
      'PullRequestReview',
      'RenamedTitleEvent',
      'UnlabeledEvent',
      'MergedEvent',
      'ClosedEvent',
    ]);
    expect(items[3].requestedReviewer).toEqual({ login: 'rev' });
    expect(items[4].commit).toMatchObject({ committedDate: at(3), pushedDate: null });
    expect(items[6]).toMatchObject({ previousTitle: 'old title', currentTitle: 'new title' });
    expect(items[8]).toMatchObject({
      mergeRefName: 'main',
      mergeCommit: { oid: expect.stringMatching(/^[0-9a-f]{40}$/) },
    });
  });

  it('filters by itemTypes and since, and pages with last', async () => {
    const { data } = timelineFixture();
    const d = await data(`{ ${REPO} { pullRequest(number: 1) {
      labels: timelineItems(first: 10, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) { totalCount nodes { __typename } }
      commits: timelineItems(first: 10, itemTypes: [PULL_REQUEST_COMMIT]) { totalCount }
      recent: timelineItems(first: 10, since: "${at(4)}") { nodes { __typename } }
      latest: timelineItems(last: 1, itemTypes: [ISSUE_COMMENT, PULL_REQUEST_REVIEW]) { nodes { __typename } pageInfo { hasPreviousPage } }
    } } }`);
    const pr = d.repository.pullRequest;
    expect(pr.labels).toEqual({
      totalCount: 2,
      nodes: [{ __typename: 'LabeledEvent' }, { __typename: 'UnlabeledEvent' }],
    });
    expect(pr.commits.totalCount).toBe(2);
    expect(pr.recent.nodes.map((n: Json) => n.__typename)).toEqual([
      'PullRequestReview',
      'RenamedTitleEvent',
      'UnlabeledEvent',
      'MergedEvent',
      'ClosedEvent',
    ]);
    expect(pr.latest).toEqual({
      nodes: [{ __typename: 'PullRequestReview' }],
      pageInfo: { hasPreviousPage: true },
    });
  });

  it("keeps an issue's timeline to the IssueTimelineItems union", async () => {
    const { state, data, run } = sandbox();
    state.createIssue({ title: 'i', author: 'alice' });
    state.close(1, 'alice', 'not_planned');
    state.reopen(1, 'bob');
    const d = await data(`{ ${REPO} { issue(number: 1) { timelineItems(first: 10) { nodes { __typename
      ... on ClosedEvent { stateReason } ... on ReopenedEvent { actor { login } } } } } } }`);
    expect(d.repository.issue.timelineItems.nodes).toEqual([
      { __typename: 'ClosedEvent', stateReason: 'COMPLETED' },
      { __typename: 'ReopenedEvent', actor: { login: 'bob' } },
    ]);
    // MERGED_EVENT is not an IssueTimelineItemsItemType: the schema rejects it
    const bad = await run(
      `{ ${REPO} { issue(number: 1) { timelineItems(first: 1, itemTypes: [MERGED_EVENT]) { totalCount } } } }`,
    );
    expect(bad.errors?.length).toBe(1);
  });
});

describe('pull requests', () => {
  it('reports refs, files, commits, reviews, review requests and mergeability', async () => {
    const { state, data } = sandbox({
      files: { 'README.md': 'hello\n', 'docs/a.md': 'one\ntwo\n' },
      collaborators: { rev: 'write', rev2: 'write' },
      teams: { approvers: ['rev'] },
    });
    state.now = at(1);
    const pr = state.createPull({
      title: 'change',
      author: 'alice',
      head: 'feature',
      draft: true,
      files: { 'docs/a.md': 'one\nTWO\nthree\n', 'new.md': 'n\n', 'README.md': null },
    });
    state.requestReviewers(1, ['rev', 'rev2'], ['approvers'], 'alice');
    state.now = at(2);
    const review = state.addReview(1, 'rev', 'CHANGES_REQUESTED', 'please fix');
    state.now = at(3);
    state.addReview(1, 'rev', 'COMMENTED', 'also');
    state.dismissReview(review.id);

    const query = `{ ${REPO} { pullRequest(number: 1) {
      number state isDraft merged mergedAt mergeable isCrossRepository headRefName headRefOid baseRefName baseRefOid
      changedFiles additions deletions
      files(first: 10) { nodes { path additions deletions changeType } }
      commits(first: 10) { totalCount nodes { commit { oid message } } }
      reviews(first: 10) { nodes { databaseId state body author { login } commit { oid } } }
      dismissed: reviews(first: 10, states: [DISMISSED]) { totalCount }
      latestReviews(first: 10) { nodes { state author { login } } }
      reviewRequests(first: 10) { nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug } } } }
    } } }`;
    const d = (await data(query)).repository.pullRequest;
    expect(d).toMatchObject({
      number: 1,
      state: 'OPEN',
      isDraft: true,
      merged: false,
      mergedAt: null,
      mergeable: 'MERGEABLE',
      isCrossRepository: false,
      headRefName: 'feature',
      headRefOid: pr.pull.headSha,
      baseRefName: 'main',
      baseRefOid: pr.pull.baseSha,
      changedFiles: 3,
      additions: 3,
      deletions: 2,
    });
    expect(d.files.nodes).toEqual([
      { path: 'README.md', additions: 0, deletions: 1, changeType: 'DELETED' },
      { path: 'docs/a.md', additions: 2, deletions: 1, changeType: 'MODIFIED' },
      { path: 'new.md', additions: 1, deletions: 0, changeType: 'ADDED' },
    ]);
    expect(d.commits).toEqual({
      totalCount: 1,
      nodes: [{ commit: { oid: pr.pull.headSha, message: 'change' } }],
    });
    expect(d.reviews.nodes.map((r: Json) => [r.state, r.author.login, r.commit.oid])).toEqual([
      ['DISMISSED', 'rev', pr.pull.headSha],
      ['COMMENTED', 'rev', pr.pull.headSha],
    ]);
    expect(d.dismissed.totalCount).toBe(1);
    expect(d.latestReviews.nodes).toEqual([{ state: 'DISMISSED', author: { login: 'rev' } }]);
    expect(d.reviewRequests.nodes).toEqual([
      { requestedReviewer: { __typename: 'User', login: 'rev2' } },
      { requestedReviewer: { __typename: 'Team', slug: 'approvers' } },
    ]);

    // the base branch changes the same file: CONFLICTING, as RepoState.merge would refuse
    state.commitToBranch('main', { 'docs/a.md': 'one\n' }, 'edit on main', 'bob');
    const after = await data(`{ ${REPO} { pullRequest(number: 1) { mergeable } } }`);
    expect(after.repository.pullRequest.mergeable).toBe('CONFLICTING');
  });

  it('filters pullRequests by state, base and head, and MERGED apart from CLOSED', async () => {
    const { state, data } = sandbox();
    state.createPull({ title: 'a', author: 'alice', head: 'a', files: { a: '1' } });
    state.createPull({ title: 'b', author: 'alice', head: 'b', files: { b: '1' } });
    state.createPull({ title: 'c', author: 'alice', head: 'c', files: { c: '1' } });
    state.merge(1, 'alice');
    state.close(2, 'alice');
    const d = await data(`{ ${REPO} {
      merged: pullRequests(first: 5, states: [MERGED]) { nodes { number state merged } }
      closed: pullRequests(first: 5, states: [CLOSED]) { nodes { number state } }
      head: pullRequests(first: 5, headRefName: "c", baseRefName: "main") { nodes { number state } } } }`);
    expect(d.repository).toEqual({
      merged: { nodes: [{ number: 1, state: 'MERGED', merged: true }] },
      closed: { nodes: [{ number: 2, state: 'CLOSED' }] },
      head: { nodes: [{ number: 3, state: 'OPEN' }] },
    });
  });
});

describe('search', () => {
  function searchFixture() {
    const sb = sandbox({ labels: ['vep', 'sig/network', 'needs review', 'stale'] });
    const { state } = sb;
    const specs: [string, string[], boolean][] = [
      ['network vep', ['vep', 'sig/network'], false],
      ['network vep, needs review', ['vep', 'sig/network', 'needs review'], false],
      ['storage vep', ['vep'], false],
      ['stale network vep', ['vep', 'sig/network', 'stale'], false],
      ['pr for network', ['sig/network'], true],
    ];
    specs.forEach(([title, labels, pull], i) => {
      state.now = at(i * 60 * 24);
      if (pull)
        state.createPull({ title, author: 'alice', head: `h${i}`, files: { [`f${i}`]: 'x' }, labels });
      else state.createIssue({ title, author: 'alice', labels });
    });
    state.now = at(10 * 60 * 24);
    state.close(3, 'alice');
    return sb;
  }
  const numbers = (d: Json) => d.search.nodes.map((n: Json) => n.number);
  const run = async (q: string) => {
    const { data } = searchFixture();
    return data(
      `query($q: String!) { search(query: $q, type: ISSUE, first: 20) { issueCount nodes { ... on Issue { number } ... on PullRequest { number } } } }`,
      { q },
    );
  };

  it('ANDs repeated label qualifiers, quoted or not, and excludes with -label', async () => {
    expect(
      numbers(await run('repo:acme/community is:issue label:vep label:sig/network sort:created-asc')),
    ).toEqual([1, 2, 4]);
    expect(numbers(await run('repo:acme/community label:vep label:"needs review"'))).toEqual([2]);
    expect(
      numbers(await run('repo:acme/community label:vep label:sig/network -label:stale sort:created-asc')),
    ).toEqual([1, 2]);
    expect(numbers(await run('repo:acme/community label:sig/network sort:created-asc'))).toEqual([
      1, 2, 4, 5,
    ]);
    expect(numbers(await run('repo:acme/community is:pr label:sig/network'))).toEqual([5]);
  });

  it('filters by state, updated date and repository, and sorts', async () => {
    expect(numbers(await run('repo:acme/community is:closed'))).toEqual([3]);
    expect(numbers(await run('repo:acme/community is:open is:issue sort:created-desc'))).toEqual([4, 2, 1]);
    // issue 3 was updated on day 10 (closed); issues 4 and 5 were created on days 3 and 4
    expect(numbers(await run('repo:acme/community updated:>=2026-01-04 sort:created-asc'))).toEqual([
      3, 4, 5,
    ]);
    expect(numbers(await run('repo:acme/community updated:<2026-01-02 sort:created-asc'))).toEqual([1]);
    const other = await run('repo:acme/other label:vep');
    expect(other.search).toEqual({ issueCount: 0, nodes: [] });
  });

  it('counts all matches and pages them', async () => {
    const { data } = searchFixture();
    const q = `query($after: String) { search(query: "repo:acme/community label:vep sort:created-asc", type: ISSUE, first: 2, after: $after) {
      issueCount pageInfo { hasNextPage endCursor } nodes { ... on Issue { number } } } }`;
    const p1 = await data(q);
    expect(p1.search).toMatchObject({
      issueCount: 4,
      pageInfo: { hasNextPage: true },
      nodes: [{ number: 1 }, { number: 2 }],
    });
    const p2 = await data(q, { after: p1.search.pageInfo.endCursor });
    expect(p2.search).toMatchObject({
      pageInfo: { hasNextPage: false },
      nodes: [{ number: 3 }, { number: 4 }],
    });
  });
});
