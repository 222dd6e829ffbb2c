/* Concordat progress map: sizes every map iframe on this page to its
   content, from the height messages the map posts (Datawrapper's and
   pym.js's formats). No dependencies. Mark the iframes data-concordat-map. */
(function () {
  "use strict";
  function height(data) {
    if (typeof data === "string") {
      var m = /^pymxPYMx[\w-]*xPYMxheightxPYMx(\d+)$/.exec(data);
      return m ? +m[1] : 0;
    }
    var d = data && data["datawrapper-height"];
    if (!d || typeof d !== "object") return 0;
    for (var id in d) if (Object.prototype.hasOwnProperty.call(d, id)) return +d[id];
    return 0;
  }
  // A map that loaded before this script said its height to no one: ask.
  var frames = document.querySelectorAll("iframe[data-concordat-map]");
  for (var f = 0; f < frames.length; f++) {
    if (frames[f].contentWindow) frames[f].contentWindow.postMessage({ type: "concordat-map:height" }, "*");
  }
  window.addEventListener("message", function (event) {
    var px = Math.round(height(event.data));
    if (!(px > 0 && px < 20000)) return;
    var frames = document.querySelectorAll("iframe[data-concordat-map]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = px + "px";
    }
  });
})();
