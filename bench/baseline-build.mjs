// Build the baseline site in the current folder in this process, then print
// the wall time and peak RSS as JSON (the same measure as bench/child-build.ts).
import Eleventy from '@11ty/eleventy';

const started = performance.now();
const eleventy = new Eleventy(undefined, undefined, { quietMode: true });
eleventy.disableLogger();
await eleventy.write();
console.log(JSON.stringify({ milliseconds: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
