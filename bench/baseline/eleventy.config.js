// A plain Eleventy 3 site in the style of eleventy-base-blog v9: one Markdown
// file per story, tag pages from collections, previous/next links. `npm run
// bench` builds the same stories with it, as the yardstick for our build.
export default function (eleventyConfig) {
  eleventyConfig.addFilter('filterTagList', (tags) => (tags || []).filter((tag) => !['all', 'posts'].includes(tag)));
  eleventyConfig.addFilter('htmlDateString', (date) => date.toISOString().slice(0, 10));
  eleventyConfig.addFilter('head', (array, n) => (n < 0 ? array.slice(n) : array.slice(0, n)));
  eleventyConfig.addFilter('readableDate', (date) => date.toISOString().slice(0, 10));
  eleventyConfig.addCollection('tagList', (api) => {
    const tags = new Set();
    for (const item of api.getAll()) for (const tag of item.data.tags || []) tags.add(tag);
    return [...tags].filter((tag) => !['all', 'posts'].includes(tag)).sort();
  });
}

export const config = {
  markdownTemplateEngine: 'njk',
  htmlTemplateEngine: 'njk',
  dir: { input: 'content', includes: '../_includes', output: '_site' },
};
