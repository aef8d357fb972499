// Checks the page headless Chromium dumped after TimelineJS drew citeline's export on it
// (run by timelinejs.sh): a slide per event, with the event's id, headed by its title, no
// TimelineJS error, and nothing from the data turned into markup.
//
// node check-dom.js DATA.json DOM.html TITLES.json NAME
//   DATA.json   what TimelineJS was given (citeline export --format timelinejs)
//   TITLES.json citeline export --format json of the same events (the titles as stated);
//               a path that does not exist skips that comparison
"use strict";
const fs = require("fs");
const [dataFile, domFile, titlesFile, name] = process.argv.slice(2);
const events = JSON.parse(fs.readFileSync(dataFile, "utf8")).events || [];
const page = fs.readFileSync(domFile, "utf8");
const titles = new Map();
if (fs.existsSync(titlesFile)) {
  for (const e of JSON.parse(fs.readFileSync(titlesFile, "utf8")).events) titles.set(e.id, e.title);
}
const problems = [];

const thrown = page.match(/data-citeline-error="([^"]*)"/);
if (thrown) problems.push(`new TL.Timeline threw: ${thrown[1]}`);
// The page has two scripts of its own (TimelineJS, and the one handing it the data); any
// other, or an image, or an event handler, came from the data.
const scripts = (page.match(/<script\b/g) || []).length;
if (scripts !== 2) problems.push(`the page has ${scripts} script elements, not the page's own 2`);
if (/<img\b/.test(page)) problems.push("an <img> element is on the page");
// TimelineJS gives the links it draws onclick="void(0)"; nothing else may have a handler.
const handlers = page.replace(/<script[\s\S]*?<\/script>/g, "").match(/\son[a-z]+="[^"]*"/g) || [];
for (const h of handlers.filter((h) => h !== ' onclick="void(0)"'))
  problems.push(`an event handler is on the page: ${h}`);
// The page's own script holds the data: only what TimelineJS drew counts from here.
const dom = page.replace(/<script[\s\S]*?<\/script>/g, "");
// TimelineJS reports bad data in a message box instead of slides.
for (const m of dom.matchAll(/<div class="tl-message[^"]*">([\s\S]*?)<\/div>/g)) {
  const text = m[1].replace(/<[^>]*>/g, "").trim();
  if (text) problems.push(`TimelineJS says: ${text}`);
}
const slides = new Map();
const slide = /<div class="tl-slide(?: [^"]*)?" id="([^"]*)"[\s\S]*?<h2 class="tl-headline[^"]*">([\s\S]*?)<\/h2>/g;
for (const m of dom.matchAll(slide)) slides.set(m[1], m[2]);

// The export escapes headlines as HTML; the page shows them as text, which a DOM dump
// serializes with only &, < and > (and no-break spaces) escaped.
const unescape = (html) =>
  html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const serialized = (text) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\u00a0/g, "&nbsp;");
// The export isolates right-to-left text and bidi controls; the title as stated has none
// of what it adds.
const withoutBidi = (text) => text.replace(/[\u202a-\u202e\u2066-\u2069]/g, "");

if (events.length === 0) problems.push("the data has no events");
for (const event of events) {
  const id = event.unique_id;
  if (!slides.has(id)) {
    problems.push(`no slide for event ${id}`);
    continue;
  }
  const want = serialized(unescape(event.text.headline));
  if (slides.get(id) !== want)
    problems.push(`the slide of ${id} is headed ${JSON.stringify(slides.get(id))}, not ${JSON.stringify(want)}`);
  if (titles.size && withoutBidi(titles.get(id) || "") !== withoutBidi(unescape(event.text.headline)))
    problems.push(`the slide of ${id} is not headed by the event's title ${JSON.stringify(titles.get(id))}`);
}
if (problems.length) {
  console.error(problems.map((p) => `${name}: ${p}`).join("\n"));
  process.exit(1);
}
console.error(`timelinejs.sh: ${name}: ok: TimelineJS drew a slide for each of the ${events.length} events, headed by its title`);
