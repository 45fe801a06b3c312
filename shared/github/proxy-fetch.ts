/**
 * Proxy support as `@actions/github`'s getOctokit gives it: when `@actions/http-client` finds a
 * proxy for the API URL (https_proxy/HTTPS_PROXY or http_proxy/HTTP_PROXY, minus no_proxy/NO_PROXY
 * and loopback hosts), requests go through undici's fetch with a ProxyAgent built as http-client
 * builds it. undici is imported only then (the bundle emits it as a separate chunk next to
 * dist/index.js), so a run without a proxy neither loads nor parses it; without a proxy the client
 * uses node:http (http-transport.ts), not Node's own fetch (undici inside Node).
 */
import { getProxyUrl } from '@actions/http-client/lib/proxy';

type Fetch = typeof globalThis.fetch;

/** The fetch to give Octokit for `baseUrl`, or undefined when no proxy applies. */
export function proxyFetchFor(baseUrl: string): Fetch | undefined {
  const proxy = getProxyUrl(new URL(baseUrl));
  if (!proxy?.hostname) return undefined;
  let loaded: Promise<{ fetch: Fetch; dispatcher: unknown }> | undefined;
  const load = async () => {
    const { fetch, ProxyAgent } = await import('undici');
    const dispatcher = new ProxyAgent({
      uri: proxy.href,
      pipelining: 0,
      ...((proxy.username || proxy.password) && {
        token: `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')}`,
      }),
    });
    return { fetch: fetch as unknown as Fetch, dispatcher };
  };
  return (async (url: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const { fetch, dispatcher } = await (loaded ??= load());
    return fetch(url, { ...init, dispatcher } as Parameters<Fetch>[1]);
  }) as Fetch;
}

/** getOctokit's user agent: `actions_orchestration_id/<id>` appended when the runner sets one. */
export function userAgentWithOrchestrationId(base: string | undefined): string | undefined {
  const id = process.env['ACTIONS_ORCHESTRATION_ID']?.trim();
  if (!id) return base;
  const tag = `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}`;
  if (base?.includes(tag)) return base;
  return `${base ? `${base} ` : ''}${tag}`;
}
