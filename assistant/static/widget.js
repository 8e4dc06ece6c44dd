/*
 * Enforcement-law assistant: embeddable chat widget.
 *
 *   <script src="https://ASSISTANT-HOST/widget.js" defer
 *           data-title="执行法律助手" data-color="#b91c1c" data-lang="zh"
 *           data-key="PORTAL-KEY" data-position="right"></script>
 *
 * Adds a chat button and a panel holding an iframe to ASSISTANT-HOST/embed. The portal's origin must be
 * in the assistant's ASSISTANT_CORS_ORIGINS (it decides who may frame /embed). Everything is built with
 * DOM calls and textContent inside a shadow root; nothing from the attributes is parsed as HTML.
 */
(function () {
  "use strict";
  if (window.EnforcementAssistant) return;

  var script = document.currentScript;
  if (!script) {
    var all = document.querySelectorAll('script[src*="widget.js"]');
    script = all[all.length - 1];
  }
  if (!script) return;

  var base = new URL(script.src, window.location.href).origin;
  var ds = script.dataset || {};
  var lang = ds.lang === "en" ? "en" : "zh";
  var color = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(ds.color || "") ? ds.color : "#b91c1c";
  var defaults = {
    zh: { title: "执行法律助手", open: "咨询执行法律问题", close: "关闭" },
    en: { title: "Enforcement law assistant", open: "Ask about enforcement law", close: "Close" }
  }[lang];
  var title = (ds.title || defaults.title).slice(0, 60);
  var side = ds.position === "left" ? "left" : "right";

  var host = document.createElement("div");
  host.id = "enforcement-assistant-widget";
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;

  var style = document.createElement("style");
  style.textContent = [
    ":host{all:initial}",
    ".ea-button{position:fixed;bottom:20px;" + side + ":20px;z-index:2147483000;display:flex;align-items:center;gap:8px;",
    "  border:0;border-radius:28px;padding:12px 18px;font:600 15px/1.2 system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;",
    "  color:#fff;background:var(--ea-color);box-shadow:0 4px 16px rgba(0,0,0,.25);cursor:pointer}",
    ".ea-button:focus-visible,.ea-close:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px;box-shadow:0 0 0 5px #fff}",
    ".ea-panel{position:fixed;bottom:84px;" + side + ":20px;z-index:2147483001;width:380px;max-width:calc(100vw - 24px);",
    "  height:620px;max-height:calc(100vh - 110px);display:none;flex-direction:column;background:#fff;border-radius:12px;",
    "  overflow:hidden;box-shadow:0 8px 32px rgba(0,0,0,.3)}",
    ".ea-panel.open{display:flex}",
    ".ea-head{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;color:#fff;background:var(--ea-color);",
    "  font:600 15px/1.3 system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif}",
    ".ea-close{border:0;background:transparent;color:#fff;font-size:24px;line-height:1;cursor:pointer;min-width:44px;min-height:44px}",
    ".ea-trap{position:absolute;width:1px;height:1px;overflow:hidden}",
    ".ea-frame{flex:1;width:100%;border:0}",
    "@media (max-width:480px){.ea-panel{left:0;right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}",
    "  .ea-panel.open ~ .ea-button{display:none}",
    // on a phone the launcher is a round icon; its name stays the (now visually hidden) title
    "  .ea-button{padding:0;width:56px;height:56px;justify-content:center;bottom:16px;" + side + ":16px}",
    "  .ea-label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}"
  ].join("\n");
  root.appendChild(style);

  var panel = document.createElement("div");
  panel.className = "ea-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "true");
  panel.setAttribute("aria-label", title);
  panel.style.setProperty("--ea-color", color);

  var head = document.createElement("div");
  head.className = "ea-head";
  var headTitle = document.createElement("span");
  headTitle.textContent = title;
  var close = document.createElement("button");
  close.className = "ea-close";
  close.type = "button";
  close.setAttribute("aria-label", defaults.close);
  close.textContent = "\u00d7";
  head.appendChild(headTitle);
  head.appendChild(close);
  panel.appendChild(head);

  var button = document.createElement("button");
  button.className = "ea-button";
  button.type = "button";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-haspopup", "dialog");
  button.title = defaults.open;  // the accessible name is the visible title; this is only a hint
  button.style.setProperty("--ea-color", color);
  var svgNS = "http://www.w3.org/2000/svg";
  var icon = document.createElementNS(svgNS, "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("width", "20");
  icon.setAttribute("height", "20");
  icon.setAttribute("aria-hidden", "true");
  var bubble = document.createElementNS(svgNS, "path");
  bubble.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
  bubble.setAttribute("fill", "currentColor");
  icon.appendChild(bubble);
  var label = document.createElement("span");
  label.className = "ea-label";
  label.textContent = title;
  button.appendChild(icon);
  button.appendChild(label);

  var frame = null;
  function ensureFrame() {
    if (frame) return;
    var params = new URLSearchParams({ lang: lang, title: title, color: color });
    if (ds.key) params.set("key", ds.key);
    frame = document.createElement("iframe");
    frame.className = "ea-frame";
    frame.title = title;
    frame.setAttribute("allow", "clipboard-write");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.src = base + "/embed?" + params.toString();
    frame.addEventListener("load", function () { if (panel.classList.contains("open")) focusFrame("ea-focus"); });
    panel.insertBefore(frame, endTrap);
  }
  // Focus moves into the chat and stays in the dialog: Tab past the frame's last control lands on the
  // close button, Shift+Tab before the close button lands on the frame's send button.
  function focusFrame(kind) {
    if (!frame) return;
    frame.focus();
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: kind }, base);
  }
  var startTrap = document.createElement("span");
  var endTrap = document.createElement("span");
  [startTrap, endTrap].forEach(function (t) { t.className = "ea-trap"; t.tabIndex = 0; });
  startTrap.addEventListener("focus", function () { focusFrame("ea-focus-last"); });
  endTrap.addEventListener("focus", function () { close.focus(); });
  panel.insertBefore(startTrap, head);
  panel.appendChild(endTrap);
  function open() {
    ensureFrame();
    panel.classList.add("open");
    button.setAttribute("aria-expanded", "true");
    focusFrame("ea-focus");
  }
  function hide() {
    panel.classList.remove("open");
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }
  function toggle() {
    if (panel.classList.contains("open")) hide(); else open();
  }
  button.addEventListener("click", toggle);
  close.addEventListener("click", hide);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && panel.classList.contains("open")) hide();
  });
  window.addEventListener("message", function (e) {  // Escape pressed inside the chat's frame
    if (e.origin === base && frame && e.source === frame.contentWindow && e.data && e.data.type === "ea-close") hide();
  });

  root.appendChild(panel);
  root.appendChild(button);
  function attach() { document.body.appendChild(host); }
  if (document.body) attach(); else document.addEventListener("DOMContentLoaded", attach);

  window.EnforcementAssistant = { open: open, close: hide, toggle: toggle };
})();
