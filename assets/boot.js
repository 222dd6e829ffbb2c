// Starts the app: imports the wasm-bindgen glue and the wasm that Trunk
// names in this script element's data attributes. A file, not an inline
// script, so that the page runs under a strict Content Security Policy.
const me = document.querySelector("script[data-wasm]");
const { default: init } = await import(me.dataset.glue);
await init({ module_or_path: me.dataset.wasm });
