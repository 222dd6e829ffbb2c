// Starts the app: imports the wasm-bindgen glue and the wasm that Trunk
// names in this script element's data attributes. A file, not an inline
// script, so that the page runs under a strict Content Security Policy.
//
// No fault leaves the reader on a dead page: if the app cannot start (its
// glue or wasm missing, cut short, of the wrong type, or failing as it
// starts), or stops on an error later (its panic hook sends PANIC_EVENT,
// src/lib.rs), the page says so. The page rendered at build time still
// works as links, so it stays; an embed shows a compact message instead and
// tells its host its new height. A start that takes long is said to be
// slow: quietly after 3 s (the wasm is most of what the page downloads),
// then with a way on after 20 s.
const PANIC_EVENT = "concordat-map:panic";
const STILL_LOADING_MS = 3000;
const SLOW_START_MS = 20000;
const me = document.querySelector("script[data-wasm]");
let started = false;

// "Print this area" (ui/panel.rs): the browser's own printing of the print
// stylesheet's one-page brief. Here, so that it works before the app runs.
document.addEventListener("click", (event) => {
  if (event.target.closest?.("[data-print]")) window.print();
});

// A phone's area sheet on the page rendered at build time: its handle
// expands and folds it, Escape folds it. The app answers its own sheet
// (ui/panel.rs) and keeps this one's state when it takes over.
const SHEET_HANDLE = "#prerendered .sheet-handle";
document.addEventListener("click", (event) => {
  const handle = event.target.closest?.(SHEET_HANDLE);
  if (handle) handle.setAttribute("aria-expanded", String(handle.getAttribute("aria-expanded") !== "true"));
});
document.addEventListener("keydown", (event) => {
  const handle = document.querySelector(`${SHEET_HANDLE}[aria-expanded="true"]`);
  if (event.key === "Escape" && handle) handle.setAttribute("aria-expanded", "false");
});

// As the app reads its address (core::view_state::is_embedded and
// core::embed::Embed::from_pairs): the last `embed` of 1, true, yes or
// empty; not on the embed code's own page.
function embedding() {
  const query = new URLSearchParams(location.search);
  const on = query.getAll("embed").pop();
  const page = new URL("embed", document.baseURI).pathname;
  const own = location.pathname.replace(/\/+$/, "") === page;
  if (on === undefined || own) return null;
  if (!["1", "true", "yes", ""].includes(on.trim().toLowerCase())) return null;
  const valid = (id) => id !== null && /^[A-Za-z0-9_-]{1,64}$/.test(id);
  const id = ["childId", "id"].map((k) => query.getAll(k).pop() ?? null).find(valid);
  return { id: id ?? "concordat-map" };
}

function element(tag, text, attributes) {
  const made = document.createElement(tag);
  if (text) made.textContent = text;
  for (const [key, value] of Object.entries(attributes ?? {})) made.setAttribute(key, value);
  return made;
}

// The message, in place of any earlier one: `lines` of text, then a link.
function tell(role, heading, lines, link) {
  for (const id of ["app-fault", "app-slow"]) document.getElementById(id)?.remove();
  const kind = role === "alert" ? "notice error" : "notice";
  const note = element("div", "", { id: "app-fault", class: kind, role });
  note.append(element("h2", heading));
  for (const line of lines) note.append(element("p", line));
  const way = element("p");
  const a = element("a", link.text, link.attributes);
  if (link.attributes.target) a.append(element("span", " (opens in a new tab)", { class: "visually-hidden" }));
  way.append(a);
  note.append(way);
  const embed = embedding();
  if (embed) {
    // A compact frame: not the full page's header and intro in the host's.
    for (const id of ["site-header", "prerendered"]) document.getElementById(id)?.remove();
    note.classList.add("in-frame");
    document.body.prepend(note);
    const px = Math.ceil(document.body.getBoundingClientRect().height);
    if (window.parent !== window) {
      window.parent.postMessage({ "datawrapper-height": { [embed.id]: px } }, "*");
      window.parent.postMessage(`pymxPYMx${embed.id}xPYMxheightxPYMx${px}`, "*");
    }
    return;
  }
  // At the top of the page's main: the rendered one, or the app's.
  const main = document.querySelector("#prerendered main") ?? document.querySelector("main");
  (main ?? document.body).prepend(note);
}

function stranded(heading, error) {
  const rendered = document.getElementById("prerendered") !== null;
  const lines = [];
  if (error) lines.push(`What failed: ${error}`);
  if (embedding()) {
    const full = location.origin + location.pathname;
    tell("alert", heading, lines, {
      text: "Open the full map",
      attributes: { href: full, target: "_blank", rel: "noopener" },
    });
    return;
  }
  if (rendered) lines.push("The map below still works: each area opens its own page.");
  tell("alert", heading, lines, { text: "Reload the page", attributes: { href: location.href } });
}

window.addEventListener(PANIC_EVENT, () =>
  stranded("The map stopped after an error", "see the browser's console for the details"),
);

setTimeout(() => {
  if (started || document.getElementById("app-fault")) return;
  // Quiet, over the page (it moves nothing); its words put in once it is
  // there, so that they are announced.
  const note = element("p", "", { id: "app-slow", class: "notice toast", role: "status" });
  document.body.append(note);
  setTimeout(() => (note.textContent = "Still loading the map…"), 100);
}, STILL_LOADING_MS);

setTimeout(() => {
  if (started || document.getElementById("app-fault")) return;
  const rendered = document.getElementById("prerendered") !== null;
  const lines = rendered ? ["The map below works meanwhile: each area opens its own page."] : [];
  tell("status", "The interactive map is taking long to start", lines, {
    text: "Reload the page",
    attributes: { href: location.href },
  });
}, SLOW_START_MS);

try {
  const { default: init } = await import(me.dataset.glue);
  await init({ module_or_path: me.dataset.wasm });
  started = true;
  // Started after all: the word that it was slow is no longer true.
  document.getElementById("app-slow")?.remove();
  const note = document.getElementById("app-fault");
  if (note?.getAttribute("role") === "status") note.remove();
} catch (error) {
  console.error("The interactive map could not start:", error);
  stranded("The interactive map could not start", String(error?.message ?? error));
}
