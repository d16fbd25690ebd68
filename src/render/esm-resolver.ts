/**
 * Imported before Eleventy, which otherwise registers an ES module resolver hook as it loads
 * (src/Util/EsmResolverPortAdapter.js). The hook busts the import cache of JavaScript
 * templates and data files that change under `--watch`; this build has neither (its page
 * kinds are virtual templates, its data one object, and serve rebuilds in a fresh render),
 * and on Node 20 the hook runs on a loader thread that every later import of the process
 * waits for (docs/performance.md, "Start-up"). Eleventy's own switch turns it off; a value
 * the user set is kept.
 */
process.env['ELEVENTY_SKIP_ESM_RESOLVER'] ??= '1';
