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
const loaded = new Map(); // language → its Pagefind, loaded on first use
// Result URLs from the site's root ("/papers/x/"), resolved below against the root as
// this page sees it: by default Pagefind prefixes the folder its bundle is served from
// ("/repo/"), which the resolution then added again ("/repo/repo/papers/x/").
const OPTIONS = { baseUrl: "/", excerptLength: 24 };
// Typing that pauses this long (ms) loads the index chunks of the words typed so far (a
// chunk per shard and word: loading them at each key would fetch chunks for prefixes).
const PRELOAD_PAUSE = 200;

// Each page's shard, as a filter of Pagefind's ("0" the first bundle's): see `shardsToSkip`.
const SHARD = "bitext_shard";
const NO_SHARD = "-";

// A language's Pagefind: its first bundle's, with the language's other shards merged in.
// A merged shard brings its metadata and index only: Pagefind searches it with the first
// bundle's WebAssembly and worker, one of each per language instead of one per shard
// (at 10,000 papers a first search downloaded half as much), and merges the results by
// score.
async function loadLanguage([first, ...others]) {
  try {
    const pagefind = await import(new URL(`${first}pagefind.js`, root).href);
    await pagefind.options({ ...OPTIONS, mergeFilter: { [SHARD]: "0" } });
    await Promise.all(others.map((folder, index) =>
      pagefind.mergeIndex(new URL(folder, root).href,
        { ...OPTIONS, mergeFilter: { [SHARD]: String(index + 1) } })));
    return pagefind;
  } catch (error) {
    console.warn(`bitext search: the bundles ${[first, ...others].join(", ")} did not load`,
      error);
    return { search: async () => ({ results: [] }) };
  }
}

// The languages to ask for this query, each with its Pagefind, loaded at once.
function languagesFor(query) {
  const languages = words(form.dataset.languages); // (one per bundle)
  const scripts = words(form.dataset.scripts ?? ""); // (a template of before: none)
  const folders = new Map(); // language → its bundles' folders, in order
  words(form.dataset.bundles).forEach((folder, index) => {
    const needed = scripts[index] ?? "any";
    if (needed !== "any") {
      const letters = needed.split("|").map((script) => `\\p{Script=${script}}`).join("");
      if (!new RegExp(`[${letters}]`, "u").test(query)) return;
    }
    folders.set(languages[index], [...(folders.get(languages[index]) ?? []), folder]);
  });
  return Promise.all([...folders].map(async ([language, bundles]) => {
    if (!loaded.has(language)) loaded.set(language, loadLanguage(bundles));
    return { language, pagefind: await loaded.get(language) };
  }));
}

function words(text) {
  return text.split(" ").filter(Boolean); // ("" for a site with nothing indexed: no bundle)
}

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

// Pagefind cuts an excerpt where the matches are densest, from text that holds the title:
// a match early in the abstract took the end of the title in ("Zero Data. Reinforcement
// learning …"), and a match in the title alone showed the title again under itself. The
// record page marks where each part of its text starts after the title (an empty element
// with the part's id: bitext.search.RECORD_PARTS): the abstract, then the authors, the
// affiliation, the tags' names, the editor's note and the arXiv id. The excerpt is cut from
// the part holding the most matches (the abstract when only the title matched): a few
// words before the match that starts the window holding the most matches. (Cut from the whole text, an
// excerpt ran on from the abstract's end into the authors' names and the tags.)
const TEXT_ANCHOR = "text";
const RECORD_PARTS = new Set([TEXT_ANCHOR, "authors", "affiliation", "tags", "note", "arxiv"]);
const LEAD_WORDS = 3;

function textExcerpt(data) {
  const anchors = (data.anchors ?? []).filter((one) => RECORD_PARTS.has(one.id))
    .sort((a, b) => a.location - b.location);
  if (!anchors.some((one) => one.id === TEXT_ANCHOR) || !data.raw_content) {
    return data.excerpt; // (a bundle made without them)
  }
  const { words, segmented } = textWords(data);
  const matches = [...new Set(data.locations)].sort((a, b) => a - b);
  // Matches before the first part are in the title, or among the words of its compounds
  // that the record gives Pagefind alone ("MoE" of "Point-MoE": bitext.search
  // .compound_words): a part's compound that is such a word, or holds one, is a match of
  // the part too, so that "MoE" marks the abstract's "Point-MoE". (Compounds only: other
  // words are a part's matches where Pagefind found them, a phrase's in its row alone.)
  const before = new Set(matches.filter((at) => at < anchors[0].location)
    .map((at) => bare(words[at])));
  const heldBefore = (word) => {
    const found = bare(word);
    return found.includes("-") && (before.has(found) || found.split("-").some(
      (piece) => before.has(piece)));
  };
  const parts = anchors.map((anchor, index) => {
    const end = index + 1 < anchors.length ? anchors[index + 1].location : words.length;
    const own = matches.filter((at) => at >= anchor.location && at < end);
    const held = before.size === 0 ? [] : words.slice(anchor.location, end)
      .map((word, offset) => (heldBefore(word) ? anchor.location + offset : -1))
      .filter((at) => at >= 0 && !own.includes(at));
    return { start: anchor.location, end,
             matches: [...own, ...held].sort((a, b) => a - b) };
  });
  const part = parts.reduce((best, one) => (
    one.matches.length > best.matches.length ? one : best)); // (the first of equals)
  const length = Math.min(OPTIONS.excerptLength, part.end - part.start);
  let from = part.start;
  let most = 0;
  part.matches.forEach((at, index) => {
    const end = at - LEAD_WORDS + length;
    const held = part.matches.slice(index).filter((other) => other < end).length;
    if (held > most) [most, from] = [held, at - LEAD_WORDS];
  });
  from = Math.max(part.start, Math.min(from, part.end - length));
  for (const at of part.matches) words[at] = marked(words[at]);
  const excerpt = words.slice(from, from + length).join(segmented ? "" : " ").trim();
  // (matched words in a row of unspaced text are one mark: "语言处理", not "语言" "处理")
  return segmented ? excerpt.replaceAll("</mark><mark>", "") : excerpt;
}

// The words of a result's text as Pagefind counts them, which its locations number: text
// that it segments (Chinese, say) has a zero-width space between words, other text white
// space.
function textWords(data) {
  const segmented = data.raw_content.includes("\u200B");
  return { words: data.raw_content.split(segmented ? "\u200B" : /[\r\n\s]+/g), segmented };
}

// A matched word marked without the punctuation around it: "(for … multi-step
// <mark>reasoning</mark>)", not "<mark>reasoning)</mark>". (The text is Pagefind's, with
// "<", ">" and "&" as entities: an entity's ";" stays in the mark.)
const PUNCTUATED = /^([(\[{"'“‘«（【「『]*)(.*?)([.,;:!?)\]}"'”’»。，、；：！？）】」』]*)$/su;

// A word as a match compares it: without the punctuation around it, in lowercase.
function bare(word) {
  return PUNCTUATED.exec(word)[2].toLowerCase();
}

function marked(word) {
  let [, before, core, after] = PUNCTUATED.exec(word);
  if (/&#?\w+$/.test(core) && after.startsWith(";")) {
    [core, after] = [`${core};`, after.slice(1)];
  }
  return core ? `${before}<mark>${core}</mark>${after}` : `<mark>${word}</mark>`;
}

// An excerpt is text with <mark> around the matches: keep exactly that.
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
  excerpt.append(...excerptNodes(textExcerpt(data)));
  item.append(heading, excerpt);
  return item;
}

// A letter of a script written without spaces between words, which Pagefind cuts into
// words (Chinese, Japanese, Korean, Thai): by the scripts a character is used in (the "ー"
// of "データ" is Katakana's and Hiragana's, though no script's own), and a letter, digit or
// mark only ("、" and "。" are Han's, Hiragana's and Katakana's too).
const UNSPACED_LETTER = "(?:(?=[\\p{L}\\p{N}\\p{M}])[\\p{scx=Han}\\p{scx=Hiragana}"
  + "\\p{scx=Katakana}\\p{scx=Hangul}\\p{scx=Thai}])";
const UNSPACED = new RegExp(UNSPACED_LETTER, "u");

// Pagefind answers a query word that no page of a bundle holds with the longest word of
// the bundle's index that the query word starts with (its "backtracking", meant for a word
// typed in part, which no option turns off: Pagefind's issue #780): on the sample site
// "attention" found a paper by the "at" of its text, "survey" one by its author Su,
// "installation" every paper by "in", and "机器人" (robot) one by "机器" (machine). A bundle
// that has no such word either leaves the query word out: in shards of one paper, "large
// language" found a paper by "largely" alone. Pagefind does this bundle by bundle (each
// shard is one), and in a bundle for all its pages alike. So each word of a query is first
// looked up as itself (Pagefind's exact search: stemmed, no other word taken); in each
// shard that does not hold it, the shard's best result for the word alone shows what
// Pagefind took for it, and a shard that took nothing, or other words, is left out of the
// search. (A query's Chinese is cut into words of the index first: see `indexWords`.)

// The words of a query to look up as themselves, folded (none in an exact search, which
// takes no other word).
function checkedWords(query) {
  if (query.includes('"')) return [];
  const checked = query.split(/\s+/).map((word) => folded(PUNCTUATED.exec(word)[2]))
    .filter((word) => word.length >= 2 && /[\p{L}\p{N}]/u.test(word));
  return [...new Set(checked)];
}

// Lower case, and in a script with spaces without accents, as Pagefind matches words
// ("sola" finds "Solà"). Unspaced script is kept as it is: it is looked for in the result's
// text as written (decomposed, a Hangul syllable falls apart into letters).
function folded(word) {
  const lower = word.toLowerCase();
  return UNSPACED.test(lower) ? lower : lower.normalize("NFD").replace(/\p{M}/gu, "");
}

// Whether Pagefind found a result for a query word by that word. In a script written with
// spaces, one of the words it matched is the query word or a form of it: it begins as the
// query word does but for its last letters, a quarter of them at most (what stemming takes
// off a word, and what a word typed in part lacks): "installed" for "installa",
// "transformer" for "transfo", "Self-play" for "play", not "al." for "alibaba", nor
// "Qwen-2.5" for "Qwen3". In a script without spaces, the result's text holds the query
// word.
function foundBy(word, data) {
  if (!data.raw_content) return true; // (a bundle of before: its words are not known)
  if (UNSPACED.test(word)) return folded(data.raw_content.replaceAll("\u200B", "")).includes(word);
  const { words } = textWords(data);
  const spare = Math.floor(word.length / 4);
  const isForm = (text) => {
    let same = 0;
    while (same < word.length && text[same] === word[same]) same += 1;
    return same === word.length
      || (word.length - same <= spare && /^\p{L}+$/u.test(word.slice(same)));
  };
  return data.locations.some((at) => {
    const core = folded(PUNCTUATED.exec(words[at] ?? "")[2]);
    // (a compound is matched by its parts too: "play" by "Self-play")
    return isForm(core) || core.split(/[^\p{L}\p{N}]+/u).some(isForm);
  });
}

// How many pages of each shard a term finds (counted without a result made, in a tenth of
// the time, by a filter that no page passes).
async function countsByShard(pagefind, term) {
  const counted = await pagefind.search(term, { filters: { [SHARD]: NO_SHARD } });
  return counted.totalFilters?.[SHARD] ?? {};
}

// The shards (as `SHARD` names them) whose results for `query` would be for other words.
async function shardsToSkip(pagefind, query) {
  const skipped = new Set();
  await Promise.all(checkedWords(query).map(async (word) => {
    // Each shard with how many pages hold the word, and how many the word alone finds; a
    // shard where it finds some that do not hold it is asked for its best.
    const [held, found] = await Promise.all(
      [`"${word}"`, word].map((term) => countsByShard(pagefind, term)));
    await Promise.all(Object.keys(held).filter((shard) => held[shard] === 0)
      .map(async (shard) => {
        if (found[shard] > 0) {
          const alone = await pagefind.search(word, { filters: { [SHARD]: shard } });
          if (alone.results.length && foundBy(word, await alone.results[0].data())) return;
        }
        skipped.add(shard);
      }));
  }));
  return [...skipped];
}

// Pagefind cuts Chinese and Japanese into words when it indexes a text, but not in a query:
// "大语言模型" (large language model) was searched as "大" (large) alone, the longest word
// of the index that it starts with, and "思考预算" as "思考". So a query's runs of unspaced
// script are cut here into words of the index, the longest first, each looked up as itself
// ("大", "语言", "模型"; at most `LONGEST_WORD` characters a word), and a query of one such
// run finds the papers that hold its words in a row (Pagefind's exact search of them),
// ranked as a search of its words finds them.
const LONGEST_WORD = 8;
const RUNS = new RegExp(
  `${UNSPACED_LETTER}+|(?:(?!${UNSPACED_LETTER})[\\p{L}\\p{N}\\p{M}])+`, "gu");

// A run of unspaced script as words of the index, or null when no word of it begins at
// one of its characters (no page holds the run).
async function indexWords(pagefind, run) {
  const isWord = async (word) => Object.values(await countsByShard(pagefind, `"${word}"`))
    .some(Boolean);
  if (await isWord(run)) return [run]; // (most often: each further word costs index chunks)
  const letters = Array.from(run);
  const words = [];
  for (let at = 0; at < letters.length;) {
    const ends = [];
    for (let end = Math.min(letters.length, at + LONGEST_WORD); end > at; end -= 1) ends.push(end);
    const held = await Promise.all(ends.map((end) => isWord(letters.slice(at, end).join(""))));
    if (!held.includes(true)) return null;
    const end = ends[held.indexOf(true)];
    words.push(letters.slice(at, end).join(""));
    at = end;
  }
  return words;
}

// The words to ask Pagefind for a query: its runs of unspaced script as words of the index
// (see `indexWords`), the rest as the reader wrote it. null when a run is in no page.
async function wordsToAsk(pagefind, query) {
  const asked = [];
  for (const word of query.trim().split(/\s+/)) {
    if (!UNSPACED.test(word)) {
      asked.push(word);
      continue;
    }
    for (const run of word.match(RUNS) ?? []) {
      const words = UNSPACED.test(run) ? await indexWords(pagefind, folded(run)) : [run];
      if (!words) return null;
      asked.push(...words);
    }
  }
  return asked;
}

// An arXiv id as a record holds it, from the ways a reader pastes one: "arXiv:2505.09388",
// "https://arxiv.org/abs/2505.09388v2", a Hugging Face paper's address.
const ARXIV_ID = /(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?!\d)/;

function arxivIdOrWord(word) {
  return ARXIV_ID.exec(word)?.[1] ?? word;
}

// A query's results in one language, without those for other words than the query's.
async function searchLanguage(pagefind, written) {
  const query = written.includes('"') ? written
    : written.trim().split(/\s+/).map(arxivIdOrWord).join(" ");
  const asked = query.includes('"') || !UNSPACED.test(query) ? query.trim().split(/\s+/)
    : await wordsToAsk(pagefind, query);
  if (!asked) return { results: [] };
  const skipped = await shardsToSkip(pagefind, asked.join(" "));
  const options = skipped.length ? { filters: { [SHARD]: { none: skipped } } } : {};
  const ranked = await pagefind.search(asked.join(" "), options);
  const runs = query.trim().match(RUNS) ?? [];
  if (asked.length < 2 || runs.length !== 1 || runs[0] !== PUNCTUATED.exec(query.trim())[2]
      || !UNSPACED.test(runs[0])) {
    return ranked;
  }
  // (a query of one run of unspaced script: the papers that hold its words in a row, each
  // marked where it does)
  const inARow = new Map((await pagefind.search(`"${asked.join(" ")}"`, options)).results
    .map((result) => [result.id, result.words]));
  const results = ranked.results.filter((result) => inARow.has(result.id)).map((result) => ({
    ...result,
    data: async () => ({ ...(await result.data()), locations: inARow.get(result.id) }),
  }));
  return { ...ranked, results };
}

let latest = 0; // the number of the last search begun: an earlier one's results are dropped

// Results are shown a page at a time: Pagefind loads each result's text (its fragment) when
// asked, and a query that matches hundreds of papers would load them all.
const PAGE = 20;
let moreButton = null; // "More results", made at the first search

async function search(query) {
  const number = ++latest;
  list.replaceChildren();
  more().hidden = true;
  if (!query.trim()) {
    status.textContent = "";
    return;
  }
  status.textContent = form.dataset.loading;
  const asked = await languagesFor(query);
  const responses = await Promise.all(asked.map(({ pagefind, language }) =>
    searchLanguage(pagefind, query).catch((error) => {
      // (a shard that failed to load fails its language's searches: the other language
      // still answers)
      console.warn(`bitext search: the ${language} bundles failed`, error);
      return { results: [] };
    })));
  // Every result of both languages, merged by score (Pagefind has merged each language's
  // shards' results by score).
  const ranked = responses.flatMap((response, index) => response.results
    .map((result) => ({ result, language: asked[index].language })));
  ranked.sort((a, b) => b.result.score - a.result.score);
  await showMore({ number, query, ranked, next: 0, seen: new Set(), duplicates: 0 });
}

// Shows the next page of a search's results, and how many papers match in all. Returns
// the items added.
async function showMore(state) {
  const page = state.ranked.slice(state.next, state.next + PAGE);
  state.next += page.length;
  const found = await Promise.all(page.map(({ result }) => result.data()));
  if (state.number !== latest) return []; // (a later search's results are, or will be, shown)
  const pair = words(form.dataset.pair);
  const items = [];
  found.forEach((data, index) => {
    if (state.seen.has(data.url)) { // (a paper that both languages found)
      state.duplicates += 1;
      return;
    }
    state.seen.add(data.url);
    data.language = page[index].language;
    data.otherLanguage = pair.find((code) => code !== data.language);
    items.push(resultItem(data));
  });
  list.append(...items);
  const count = state.ranked.length - state.duplicates;
  const template = count === 0 ? form.dataset.none
    : count === 1 ? form.dataset.countOne : form.dataset.count;
  status.textContent = say(template, { count, query: state.query });
  const button = more();
  button.hidden = state.next >= state.ranked.length;
  button.disabled = false;
  button.onclick = async () => {
    button.disabled = true; // (until this page is shown: a second click waits for it)
    const added = await showMore(state);
    added[0]?.querySelector("a")?.focus(); // (where a keyboard goes on reading)
  };
  return items;
}

function more() {
  if (!moreButton) {
    moreButton = document.createElement("button");
    moreButton.type = "button";
    moreButton.className = "search-more";
    moreButton.textContent = form.dataset.more ?? "More results"; // (a template of before)
    list.after(moreButton);
  }
  return moreButton;
}

// Typing loads what the query will ask (Pagefind's code, each shard's metadata), so that
// the search finds it ready: on a network of 50 ms and 10 Mbit/s, a first search at
// 10,000 papers showed its results 0.7 s after Enter instead of 1.3-1.6 s. Once typing
// pauses, each shard's index chunks for the words typed load too (Pagefind's `preload`):
// the search then only has to search.
// (Not while an input method composes: its Latin letters, pinyin say, are not the query.)
let pause = 0;
function prepare() {
  const query = input.value;
  clearTimeout(pause);
  if (!query.trim()) return;
  const asked = languagesFor(query);
  pause = setTimeout(async () => {
    for (const { pagefind } of await asked) pagefind.preload(query).catch(() => {});
  }, PRELOAD_PAUSE);
}
input.addEventListener("input", (event) => {
  if (!event.isComposing) prepare();
});
input.addEventListener("compositionend", prepare);

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
