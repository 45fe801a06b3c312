// bottleneck/light.js is Bottleneck without its Redis clustering (what @octokit/plugin-throttling
// itself loads); it ships no types of its own, and its API is the full build's.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
