// bitext search: queries the Pagefind bundles (one or more per language: a large site's
// language is indexed in shards) and merges their results by score, so a query in either
// language finds the paper. A secondary language written in another script is asked only
// for queries with a letter of that script (data-scripts: bitext.search.query_scripts).
// Result text is inserted as text (only Pagefind's <mark> highlights become elements),
// never as HTML.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-query");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const root = new URL(form.dataset.root, window.location.href);
const loaded = new Map(); // bundle folder → its Pagefind, loaded on first use

async function loadBundle(folder) {
  try {
    const pagefind = await import(new URL(`${folder}pagefind.js`, root).href);
    // Result URLs from the site's root ("/papers/x/"), resolved below against the root
    // as this page sees it: by default Pagefind prefixes the folder its bundle is served
    // from ("/repo/"), which the resolution then added again ("/repo/repo/papers/x/").
    await pagefind.options({ baseUrl: "/", excerptLength: 24 });
    return pagefind;
  } catch (error) {
    console.warn(`bitext search: no bundle in ${folder}`, error);
    return { search: async () => ({ results: [] }) }; // keep bundles and languages in step
  }
}

// The bundles to ask for this query, each with its language, loaded at once (a site with
// shards has several bundles per language).
function bundlesFor(query) {
  const languages = words(form.dataset.languages); // (one per bundle)
  const scripts = words(form.dataset.scripts ?? ""); // (a template of before: none)
  const asked = words(form.dataset.bundles).flatMap((folder, index) => {
    const needed = scripts[index] ?? "any";
    if (needed !== "any") {
      const letters = needed.split("|").map((script) => `\\p{Script=${script}}`).join("");
      if (!new RegExp(`[${letters}]`, "u").test(query)) return [];
    }
    if (!loaded.has(folder)) loaded.set(folder, loadBundle(folder));
    return [{ folder, language: languages[index] }];
  });
  return Promise.all(asked.map(async (bundle) => ({
    ...bundle, pagefind: await loaded.get(bundle.folder) })));
}

function words(text) {
  return text.split(" ").filter(Boolean); // ("" for a site with nothing indexed: no bundle)
}

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

// Pagefind's excerpt is text with <mark> around the matches: keep exactly that.
function excerptNodes(excerpt) {
  const template = document.createElement("template");
  template.innerHTML = excerpt; // an inert template: nothing in it runs or loads
  const nodes = [];
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "entry search-result";
  const heading = document.createElement("h2");
  heading.className = "entry-title";
  const link = document.createElement("a");
  link.href = new URL(data.url.replace(/^\//, ""), root).href; // relative to the site root
  // Each title in its language (the result's bundle, and the other one).
  const title = document.createElement("span");
  title.className = "title-primary";
  title.lang = data.language || "";
  title.textContent = data.meta.title;
  link.appendChild(title);
  if (data.meta.other_title) {
    const other = document.createElement("span");
    other.className = "title-secondary";
    other.lang = data.otherLanguage || "";
    other.textContent = data.meta.other_title;
    link.appendChild(other);
  }
  heading.appendChild(link);
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  excerpt.lang = data.language || "";
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(heading, excerpt);
  return item;
}

async function search(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "";
    return;
  }
  status.textContent = form.dataset.loading;
  const pair = words(form.dataset.pair);
  const bundles = await bundlesFor(query);
  const responses = await Promise.all(bundles.map(({ pagefind }) => pagefind.search(query)));
  // The best 20 of each language, from all of its shards, then merged by score.
  const byScore = (a, b) => b.result.score - a.result.score;
  const perLanguage = new Map(bundles.map(({ language }) => [language, []]));
  responses.forEach((response, index) => perLanguage.get(bundles[index].language)
    .push(...response.results.map((result) => ({ result, language: bundles[index].language }))));
  const best = [...perLanguage.values()].flatMap((found) => found.sort(byScore).slice(0, 20));
  best.sort(byScore);
  const found = await Promise.all(best.map(({ result }) => result.data()));
  const seen = new Set();
  const items = [];
  for (const [index, { language }] of best.entries()) {
    const data = found[index];
    if (seen.has(data.url)) continue;
    seen.add(data.url);
    data.language = language;
    data.otherLanguage = pair.find((code) => code !== language);
    items.push(resultItem(data));
  }
  list.replaceChildren(...items);
  const count = items.length;
  status.textContent = say(count === 0 ? form.dataset.none
    : count === 1 ? form.dataset.countOne : form.dataset.count, { count, query });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  search(input.value);
});

const initial = new URLSearchParams(window.location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial);
}
