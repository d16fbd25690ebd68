// /search/: a small UI over Pagefind's `pagefind.js` API. It is our own rather
// than Pagefind's UI because the page's CSP allows no inline style or script,
// and because readers need facets with counts and a sort by date.
// The form works as a plain GET form too, so the URL (`?q=…&pair=…&sort=…`)
// is the state: reloading, sharing and the header's search box all land here.
const PAGE_SIZE = 10;

const form = document.getElementById('search');
const input = document.getElementById('search-page-q');
const facetsBox = document.getElementById('search-facets');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const more = document.getElementById('search-more');
const facets = JSON.parse(form.dataset.facets);

let pagefind;
let results = [];
let shown = 0;
let generation = 0;

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const { key } of facets) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length > 0) filters[key] = { any: values };
  }
  return { q: (params.get('q') ?? '').trim(), sort: params.get('sort') ?? 'relevance', filters };
}

function writeState() {
  const params = new URLSearchParams(new FormData(form));
  for (const [key, value] of [...params]) if (value === '' || (key === 'sort' && value === 'relevance')) params.delete(key, value);
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

// Pagefind's excerpt is escaped text with <mark> around hits: rebuild it as
// text nodes and <mark> elements instead of trusting it as HTML.
function excerpt(html) {
  const p = document.createElement('p');
  html.split(/(<mark>|<\/mark>)/).reduce((inMark, part) => {
    if (part === '<mark>') return true;
    if (part === '</mark>') return false;
    const text = document.createTextNode(part.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (_, e) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'" })[e]));
    if (inMark) p.appendChild(document.createElement('mark')).appendChild(text);
    else p.appendChild(text);
    return inMark;
  }, false);
  return p;
}

function renderFacets(counts, state) {
  // Re-rendering replaces the checkboxes: keep keyboard focus on the one the reader just toggled.
  const focused = facetsBox.contains(document.activeElement) ? document.activeElement : null;
  facetsBox.replaceChildren();
  for (const { key, label } of facets) {
    const values = Object.entries(counts[key] ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (key === 'year') values.sort((a, b) => b[0].localeCompare(a[0]));
    if (values.length === 0) continue;
    const chosen = new Set(state.filters[key]?.any ?? []);
    const fieldset = facetsBox.appendChild(document.createElement('fieldset'));
    fieldset.appendChild(document.createElement('legend')).textContent = label;
    for (const [value, count] of values) {
      if (count === 0 && !chosen.has(value)) continue;
      const row = fieldset.appendChild(document.createElement('label'));
      const box = row.appendChild(document.createElement('input'));
      Object.assign(box, { type: 'checkbox', name: key, value, checked: chosen.has(value) });
      row.append(` ${value} `);
      row.appendChild(document.createElement('span')).textContent = `(${count})`;
    }
  }
  facetsBox.hidden = facetsBox.childElementCount === 0;
  if (focused) {
    const again = [...facetsBox.querySelectorAll('input')].find((box) => box.name === focused.name && box.value === focused.value);
    again?.focus();
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// `2025-05-07` → `7 May 2025`, `2024-05` → `May 2024`: as the story pages print dates.
function dateLabel(iso) {
  const [, year, month, day] = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso) ?? [];
  if (!year || !MONTHS[Number(month) - 1]) return iso;
  return `${day ? `${Number(day)} ` : ''}${MONTHS[Number(month) - 1]} ${year}`;
}

async function showMore() {
  const mine = generation;
  const page = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((result) => result.data()));
  if (mine !== generation) return;
  for (const data of page) {
    const item = list.appendChild(document.createElement('li'));
    const link = item.appendChild(document.createElement('h2')).appendChild(document.createElement('a'));
    link.href = data.url;
    link.textContent = data.meta.title ?? data.url;
    if (data.meta.date) {
      const time = item.appendChild(document.createElement('time'));
      time.dateTime = data.meta.date;
      time.textContent = dateLabel(data.meta.date);
    }
    item.appendChild(excerpt(data.excerpt));
  }
  shown += page.length;
  more.hidden = shown >= results.length;
}

async function run() {
  const state = readState();
  const mine = ++generation;
  const filtered = Object.keys(state.filters).length > 0;
  if (state.q === '' && !filtered) {
    renderFacets(await pagefind.filters(), state);
    if (mine !== generation) return;
    results = [];
    list.replaceChildren();
    more.hidden = true;
    status.textContent = 'Type a word or choose a filter.';
    return;
  }
  const options = { filters: state.filters, ...(state.sort === 'relevance' ? {} : { sort: { date: state.sort === 'oldest' ? 'asc' : 'desc' } }) };
  const search = await pagefind.search(state.q === '' ? null : state.q, options);
  if (mine !== generation || search === null) return; // a newer search superseded this one
  results = search.results;
  shown = 0;
  list.replaceChildren();
  more.hidden = true; // until showMore() knows whether more remain
  renderFacets(search.filters, state);
  const n = results.length;
  status.textContent = `${n} ${n === 1 ? 'story' : 'stories'}${state.q ? ` for “${state.q}”` : ''}`;
  await showMore();
}

async function start() {
  const state = readState();
  input.value = state.q;
  const sort = form.querySelector(`input[name="sort"][value="${CSS.escape(state.sort)}"]`);
  if (sort) sort.checked = true;
  try {
    pagefind = await import(form.dataset.pagefind + 'pagefind.js');
    await pagefind.options({ baseUrl: form.dataset.base });
    // A search reports facet counts only for filters already loaded: load them all first.
    await pagefind.filters();
  } catch {
    // The facet box holds its place only for facets to come (search.css): without an index, none will.
    facetsBox.remove();
    status.textContent = 'The search index could not be loaded. Browse the stories by tag instead.';
    return;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    writeState();
    run();
  });
  let timer;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      writeState();
      run();
    }, 200);
  });
  more.addEventListener('click', () => showMore());
  await run();
}

start();
