/*
 * The chat page inside the widget's iframe (/embed). Calls /api/ask on its own origin.
 * Every piece of user or answer text reaches the page through textContent or text nodes, never innerHTML.
 */
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var lang = params.get("lang") === "en" ? "en" : "zh";
  var key = params.get("key") || "";
  var color = params.get("color") || "";
  if (/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(color)) document.documentElement.style.setProperty("--accent", color);

  var T = {
    zh: {
      title: "执行法律助手", placeholder: "请输入您的问题，例如：被执行人不履行和解协议怎么办？", send: "发送",
      notice: "本助手提供法律信息，不构成法律意见；具体案件请咨询律师或法院。请勿输入身份证号、银行卡号等个人信息。",
      thinking: "正在检索法条并撰写回答…", sources: "来源", copy: "复制回答", copied: "已复制",
      helpful: "有帮助", notHelpful: "没帮助", thanks: "谢谢反馈", error: "出错了：",
      verdicts: { valid: "已核验", outdated_numbering: "旧条文序号", not_in_force: "已失效", unsupported: "内容未获支持",
                  unknown_law: "未知法律", nonexistent_article: "条文不存在" },
      current: "现行第{n}条"
    },
    en: {
      title: "Enforcement law assistant", placeholder: "Ask a question, e.g. the debtor breached the settlement — what now?",
      send: "Send",
      notice: "Legal information, not legal advice; for your case consult a lawyer or the court. Do not enter ID or bank card numbers.",
      thinking: "Searching the statutes and writing an answer…", sources: "Sources", copy: "Copy answer", copied: "Copied",
      helpful: "Helpful", notHelpful: "Not helpful", thanks: "Thanks for the feedback", error: "Error: ",
      verdicts: { valid: "verified", outdated_numbering: "old numbering", not_in_force: "not in force",
                  unsupported: "not supported", unknown_law: "unknown law", nonexistent_article: "no such article" },
      current: "now art. {n}"
    }
  }[lang];

  var title = (params.get("title") || T.title).slice(0, 60);
  document.title = title;
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  var $ = function (id) { return document.getElementById(id); };
  $("notice").textContent = T.notice;
  $("q").placeholder = T.placeholder;
  $("q-label").textContent = T.placeholder;
  $("send").textContent = T.send;

  var log = $("log");
  var history = [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // Inline **bold**, as text nodes and <strong> elements.
  function inline(parent, text) {
    var parts = String(text).split(/\*\*(.+?)\*\*/);
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      if (i % 2) parent.appendChild(el("strong", null, parts[i]));
      else parent.appendChild(document.createTextNode(parts[i]));
    }
  }

  // A small Markdown subset (paragraphs, lists, block quotes, headings as bold), built as DOM nodes.
  function renderMarkdown(container, md) {
    var blocks = String(md).replace(/\r\n/g, "\n").split(/\n{2,}/);
    blocks.forEach(function (block) {
      var lines = block.split("\n").filter(function (l) { return l.trim() !== ""; });
      if (!lines.length) return;
      if (lines.every(function (l) { return /^\s*([-*•]|\d+[.)、])\s+/.test(l); })) {
        var ordered = /^\s*\d/.test(lines[0]);
        var list = el(ordered ? "ol" : "ul");
        lines.forEach(function (l) {
          var li = el("li");
          inline(li, l.replace(/^\s*([-*•]|\d+[.)、])\s+/, ""));
          list.appendChild(li);
        });
        container.appendChild(list);
      } else if (lines.every(function (l) { return /^>\s?/.test(l); })) {
        var q = el("blockquote");
        inline(q, lines.map(function (l) { return l.replace(/^>\s?/, ""); }).join("\n"));
        container.appendChild(q);
      } else {
        var p = el("p");
        lines.forEach(function (l, i) {
          if (i) p.appendChild(el("br"));
          var h = /^#{1,6}\s+(.*)$/.exec(l);
          if (h) p.appendChild(el("strong", null, h[1])); else inline(p, l);
        });
        container.appendChild(p);
      }
    });
  }

  function sourceText(source) {
    var box = el("div", "source-text");
    var text = source.text || "";
    var spans = (source.highlights || []).slice().sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    spans.forEach(function (s) {
      var start = Math.max(pos, s[0]), end = Math.min(text.length, s[1]);
      if (end <= start) return;
      box.appendChild(document.createTextNode(text.slice(pos, start)));
      box.appendChild(el("mark", null, text.slice(start, end)));
      pos = end;
    });
    box.appendChild(document.createTextNode(text.slice(pos)));
    return box;
  }

  function renderAnswer(bubble, answer) {
    bubble.textContent = "";
    bubble.classList.remove("pending");
    renderMarkdown(bubble, answer.text);
    if (answer.citations && answer.citations.length) {
      var chips = el("div", "chips"), seen = {};
      answer.citations.forEach(function (c) {
        var id = c.surface + "\u0000" + c.verdict;  // one chip per provision and verdict
        if (seen[id]) return;
        seen[id] = true;
        var label = T.verdicts[c.verdict] || c.verdict;
        if (c.verdict === "outdated_numbering" && c.current_article) label += " · " + T.current.replace("{n}", c.current_article);
        var chip = el("span", "chip v-" + String(c.verdict).replace(/[^a-z_]/g, ""), c.surface + " · " + label);
        chip.title = c.message || "";
        chip.setAttribute("data-verdict", c.verdict);
        chips.appendChild(chip);
      });
      bubble.appendChild(chips);
    }
    if (answer.sources && answer.sources.length) {
      var group = el("details", "sources");
      group.appendChild(el("summary", null, T.sources + " (" + answer.sources.length + ")"));
      answer.sources.forEach(function (s) {
        var d = el("details", "source");
        d.appendChild(el("summary", null, s.title + (s.version ? " (" + s.version + ")" : "")));
        d.appendChild(sourceText(s));
        group.appendChild(d);
      });
      bubble.appendChild(group);
    }
    var actions = el("div", "actions");
    var copy = el("button", null, T.copy);
    copy.type = "button";
    copy.addEventListener("click", function () {
      if (navigator.clipboard) navigator.clipboard.writeText(answer.text).then(function () { copy.textContent = T.copied; }, function () {});
    });
    actions.appendChild(copy);
    [["helpful", T.helpful], ["not_helpful", T.notHelpful]].forEach(function (r) {
      var b = el("button", "fb", r[1]);
      b.type = "button";
      b.addEventListener("click", function () {
        api("/api/feedback", { answer_id: answer.id, rating: r[0] }).then(function () {
          actions.querySelectorAll(".fb").forEach(function (x) { x.remove(); });
          actions.appendChild(el("span", "thanks", T.thanks));
        }, function () {});
      });
      actions.appendChild(b);
    });
    bubble.appendChild(actions);
  }

  function api(path, body) {
    var headers = { "Content-Type": "application/json", "X-Assistant-Client": "embed" };
    if (key) headers["X-API-Key"] = key;
    return fetch(path, { method: "POST", headers: headers, body: JSON.stringify(body) }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) throw new Error((data.error && data.error.message) || ("HTTP " + r.status));
        return data;
      });
    });
  }

  $("form").addEventListener("submit", function (e) {
    e.preventDefault();
    var q = $("q").value.trim();
    if (!q) return;
    $("q").value = "";
    log.appendChild(el("div", "msg user", q));
    var bubble = el("div", "msg bot pending", T.thinking);
    log.appendChild(bubble);
    log.scrollTop = log.scrollHeight;
    $("send").disabled = true;
    api("/api/ask", { question: q, history: history.slice(-12) }).then(function (answer) {
      renderAnswer(bubble, answer);
      history.push({ role: "user", content: q }, { role: "assistant", content: answer.text });
    }, function (err) {
      bubble.className = "msg error";
      bubble.textContent = T.error + err.message;
    }).then(function () {
      $("send").disabled = false;
      log.scrollTop = log.scrollHeight;
      $("q").focus();
    });
  });
  $("q").addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $("form").requestSubmit();
    }
  });
})();
