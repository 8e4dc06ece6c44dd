/*
 * The one chat client: the full page at / (body data-mode="page") and the widget's frame at /embed
 * (data-mode="embed"). It calls /api/ask on its own origin and renders the answer's structured view
 * (assistant/view.py) the same way in both.
 *
 * The conversation lives in the page: the history sent with each question is exactly the turns on screen
 * (kept in sessionStorage, so a reload or a restarted server continues what the page shows), and
 * "新对话" empties both. Every piece of user or answer text reaches the page through textContent or text
 * nodes; the only HTML inserted is the citation guard's annotated text, which escapes everything it wraps.
 */
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var body = document.body;
  var mode = body.getAttribute("data-mode") === "embed" ? "embed" : "page";
  var key = params.get("key") || "";
  var color = params.get("color") || "";
  if (mode === "embed" && /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(color)) {
    document.documentElement.style.setProperty("--accent", color);
  }
  var timeoutS = Math.min(120, Math.max(1, Number(params.get("timeout")) || 60));
  var storeKey = "ea-conversation-" + mode;

  var TEXT = {
    zh: {
      title: "执行法律助手",
      subtitle: "民事执行法律问答：执行和解及其救济、执行回转。每个引用都经过条文核验。",
      notice: "本助手提供的是法律信息，不是法律意见；回答依据收录的法律和司法解释自动生成，可能不完整，具体案件请咨询律师或法院。" +
              "请勿输入身份证号、电话、银行卡号等个人信息（记录时会被自动隐去）。",
      label: "您的问题（Enter 发送，Shift+Enter 换行）", placeholder: "输入您的问题", send: "发送", stop: "停止",
      newChat: "新对话", greeting: "您好！我可以回答执行和解及其救济、执行回转方面的问题。可以直接提问，或点选下面的问题：",
      thinking: "正在检索法条并撰写回答…", conclusion: "结论", understood: "结合上文，理解为：",
      refs: "依据与核验", otherSources: "其他参考资料", openRef: "查看条文", close: "收起",
      relied: "回答所依据的句子已标出。", copy: "复制", copied: "已复制", helpful: "有帮助", notHelpful: "没帮助",
      rate: "这个回答有帮助吗？", comment: "补充意见（可选）", sendComment: "提交", thanks: "谢谢您的反馈。",
      askNext: "接着问", you: "您", assistant: "助手", retry: "重试", kept: "您的问题已保留在输入框中。",
      errOffline: "无法连接到服务器，可能是网络中断或服务正在重启。",
      errTimeout: "服务器在 {n} 秒内没有回应。", errStopped: "已停止等待回答。",
      errBusy: "提问太频繁了，请稍等片刻（约 {n} 秒）再试。", errTooLong: "问题太长了，请精简后再问。",
      errBad: "这个问题无法处理，请换个说法。", errKey: "本页面的访问密钥无效，请联系网站管理员。",
      errServer: "服务器处理时出错了，请稍后重试。",
      check: "核验一段文字中的法条引用", checkLabel: "粘贴任何引用了法条的文字",
      checkPh: "例如：根据《民事诉讼法》第二百三十三条，执行依据被撤销的，应当执行回转。", checkBtn: "核验",
      checkNone: "没有找到法条引用。", checkSummary: "共 {n} 处引用",
      lang: "语言", verdicts: { valid: "已核验", outdated_numbering: "旧条文序号", not_in_force: "已失效",
        unsupported: "内容未获条文支持", unknown_law: "未知法律", nonexistent_article: "条文不存在" },
      status: { in_force: "现行有效", superseded: "已被修订", draft: "草案", terminated_draft: "草案（已终止审议，不是法律）" },
      examples: ["达成执行和解协议后，被执行人不履行，申请执行人可以怎么办？",
                 "执行和解协议履行完毕后，申请执行人又申请恢复执行，被执行人如何救济？",
                 "据以执行的判决被撤销后，已经执行的财产怎么办？", "执行回转应当由哪个法院裁定？"]
    },
    en: {
      title: "Enforcement law assistant",
      subtitle: "Chinese civil enforcement law: enforcement settlements and their remedies, enforcement reversal. " +
                "Every citation is checked against the statute.",
      notice: "This is legal information, not legal advice. Answers are generated from the statutes and judicial " +
              "interpretations in the corpus and may be incomplete; for your case consult a lawyer or the court. " +
              "Do not enter ID-card, phone or bank card numbers (they are redacted from the log).",
      label: "Your question (Enter sends, Shift+Enter adds a line)", placeholder: "Type your question",
      send: "Send", stop: "Stop", newChat: "New conversation",
      greeting: "Hello! I answer questions on enforcement settlements, their remedies and enforcement reversal. " +
                "Ask, or pick a question:",
      thinking: "Searching the statutes and writing an answer…", conclusion: "Conclusion",
      understood: "Read with the conversation as: ", refs: "Provisions cited, checked", otherSources: "Other sources",
      openRef: "Show the article", close: "Close", relied: "The sentence the answer relies on is highlighted.",
      copy: "Copy", copied: "Copied", helpful: "Helpful", notHelpful: "Not helpful", rate: "Was this helpful?",
      comment: "Comment (optional)", sendComment: "Send", thanks: "Thank you for the feedback.",
      askNext: "Ask next", you: "You", assistant: "Assistant", retry: "Retry", kept: "Your question is kept in the box.",
      errOffline: "Cannot reach the server: the network is down or the service is restarting.",
      errTimeout: "The server did not answer within {n} seconds.", errStopped: "Stopped waiting for the answer.",
      errBusy: "Too many questions at once; please wait about {n} seconds and try again.",
      errTooLong: "The question is too long; please shorten it.", errBad: "This question cannot be processed; please rephrase it.",
      errKey: "This page's access key is not valid; please tell the site's administrator.",
      errServer: "The server failed while answering; please try again shortly.",
      check: "Check the citations in a text", checkLabel: "Paste any text that cites Chinese law",
      checkPh: "e.g. 根据《民事诉讼法》第二百三十三条，执行依据被撤销的，应当执行回转。", checkBtn: "Check",
      checkNone: "No citations of law found.", checkSummary: "{n} citation(s)",
      lang: "Language", verdicts: { valid: "verified", outdated_numbering: "old numbering", not_in_force: "not in force",
        unsupported: "not supported by the text", unknown_law: "unknown law", nonexistent_article: "no such article" },
      status: { in_force: "in force", superseded: "superseded", draft: "draft", terminated_draft: "draft (review terminated; not law)" },
      examples: ["The debtor did not perform the enforcement settlement agreement. What can the creditor do?",
                 "After the settlement was fully performed, the creditor applied to resume enforcement. What can the debtor do?",
                 "The judgment that was enforced has been set aside. What happens to the property already enforced?",
                 "Which court rules on enforcement reversal?"]
    }
  };
  var ICON = { valid: "✓", outdated_numbering: "⚠", not_in_force: "⚠", unsupported: "?", unknown_law: "✗",
               nonexistent_article: "✗" };

  var stored = null;
  try { stored = window.localStorage.getItem("ea-lang"); } catch (e) { /* storage may be off */ }
  var lang = params.get("lang") === "en" || params.get("lang") === "zh" ? params.get("lang") : (stored || "zh");
  if (!TEXT[lang]) lang = "zh";
  var T = TEXT[lang];
  var $ = function (id) { return document.getElementById(id); };
  var log = $("log"), form = $("form"), input = $("q"), sendBtn = $("send");
  var turns = load();
  var inflight = null;
  var seq = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function button(cls, text, onClick) {
    var b = el("button", cls, text);
    b.type = "button";
    if (onClick) b.addEventListener("click", onClick);
    return b;
  }
  function fmt(s, n) { return s.replace("{n}", String(n)); }

  // ----- conversation state ----------------------------------------------------------------------
  function load() {
    try {
      var t = JSON.parse(window.sessionStorage.getItem(storeKey) || "[]");
      return Array.isArray(t) ? t.filter(function (x) { return x && typeof x.q === "string"; }) : [];
    } catch (e) { return []; }
  }
  function save() {
    try {
      window.sessionStorage.setItem(storeKey, JSON.stringify(turns.filter(function (t) { return t.answer; })));
    } catch (e) { /* a full or disabled storage only loses persistence across reloads */ }
  }
  function historyBefore(turn) {  // exactly the answered turns shown above this one, oldest first
    var h = [];
    turns.slice(0, turns.indexOf(turn)).forEach(function (t) {
      if (t.answer) h.push({ role: "user", content: t.q }, { role: "assistant", content: t.answer.text });
    });
    return h.slice(-24);
  }
  function newConversation() {
    if (inflight) inflight.abort("new");
    turns = [];
    save();
    renderAll();
    input.value = "";
    input.focus();
  }

  // ----- static texts ------------------------------------------------------------------------------
  function applyLanguage() {
    T = TEXT[lang];
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    var title = mode === "embed" ? (params.get("title") || T.title).slice(0, 60) : T.title;
    document.title = title;
    [["title", title], ["subtitle", T.subtitle], ["notice", T.notice], ["q-label", T.label],
     ["check-summary", T.check], ["check-label", T.checkLabel], ["check-send", T.checkBtn]].forEach(function (p) {
      if ($(p[0])) $(p[0]).textContent = p[1];
    });
    input.placeholder = T.placeholder;
    if ($("check-input")) $("check-input").placeholder = T.checkPh;
    document.querySelectorAll(".new-chat").forEach(function (b) { b.textContent = T.newChat; });
    document.querySelectorAll("[data-lang]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === lang));
    });
    if ($("lang-group")) $("lang-group").setAttribute("aria-label", T.lang);
    setBusy(!!inflight);
  }

  function setBusy(busy) {
    sendBtn.textContent = busy ? T.stop : T.send;
    sendBtn.classList.toggle("stop", busy);
    sendBtn.setAttribute("aria-label", busy ? T.stop : T.send);
  }

  // ----- rendering ---------------------------------------------------------------------------------
  function renderAll() {
    log.textContent = "";
    if (!turns.length) log.appendChild(greeting());
    turns.forEach(function (t) { renderTurn(t); });
  }

  function greeting() {
    var g = el("div", "msg bot greeting");
    g.appendChild(el("p", null, T.greeting));
    var list = el("div", "suggestions");
    T.examples.forEach(function (q) { list.appendChild(button("suggestion", q, function () { ask(q); })); });
    g.appendChild(list);
    return g;
  }

  function renderTurn(t) {
    var wrap = el("div", "turn");
    wrap.appendChild(el("div", "msg user", t.q));
    var bot = el("div", "msg bot");
    wrap.appendChild(bot);
    log.appendChild(wrap);
    t.node = bot;
    if (t.answer) renderAnswer(bot, t.answer);
    else if (t.error) renderError(bot, t);
    else { bot.classList.add("pending"); bot.setAttribute("aria-busy", "true"); bot.textContent = T.thinking; }
    return wrap;
  }

  function segments(parent, items, ctx) {
    items.forEach(function (s) {
      if (s.ref == null) { parent.appendChild(document.createTextNode(s.text)); return; }
      var ref = ctx.refs[s.ref];
      if (!ref) return;
      if (s.inline) parent.appendChild(document.createTextNode(ref.label));
      parent.appendChild(refChip(ref, ctx));
    });
  }

  function verdictName(v) { return T.verdicts[v] || v; }

  function refChip(ref, ctx) {
    var b = button("ref v-" + String(ref.verdict).replace(/[^a-z_]/g, ""), null, function () { ctx.open(ref, b); });
    b.appendChild(el("span", "ref-n", String(ref.n)));
    b.appendChild(el("span", "ref-v", ICON[ref.verdict] || "•"));
    b.setAttribute("data-verdict", ref.verdict);
    b.setAttribute("aria-label", ref.n + " " + ref.label + " " + verdictName(ref.verdict));
    b.setAttribute("aria-expanded", "false");
    return b;
  }

  function highlighted(text, spans) {
    var box = el("div", "source-text");
    var pos = 0;
    (spans || []).slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (s) {
      var start = Math.max(pos, s[0]), end = Math.min(text.length, s[1]);
      if (end <= start) return;
      box.appendChild(document.createTextNode(text.slice(pos, start)));
      box.appendChild(el("mark", null, text.slice(start, end)));
      pos = end;
    });
    box.appendChild(document.createTextNode(text.slice(pos)));
    return box;
  }

  function sourceTitle(s) { return lang === "en" && s.title_en ? s.title_en : s.title; }

  function renderAnswer(bot, answer) {
    bot.textContent = "";
    bot.classList.remove("pending");
    bot.removeAttribute("aria-busy");
    var view = answer.view;
    if (!view) { bot.appendChild(el("p", null, answer.text)); return; }
    var refs = {};
    view.refs.forEach(function (r) { refs[r.n] = r; });
    var viewer = el("div", "viewer");
    viewer.hidden = true;
    viewer.setAttribute("role", "region");
    viewer.tabIndex = -1;
    var openChip = null;
    var ctx = {
      refs: refs,
      open: function (ref, chip) {
        if (openChip === chip && !viewer.hidden) { closeViewer(); return; }
        if (openChip) openChip.setAttribute("aria-expanded", "false");
        openChip = chip;
        chip.setAttribute("aria-expanded", "true");
        viewer.textContent = "";
        viewer.setAttribute("aria-label", ref.label);
        var head = el("div", "viewer-head");
        head.appendChild(el("strong", null, "[" + ref.n + "] " + ref.label));
        head.appendChild(button("viewer-close", T.close, closeViewer));
        viewer.appendChild(head);
        var verdict = el("p", "verdict v-" + String(ref.verdict).replace(/[^a-z_]/g, ""));
        verdict.textContent = (ICON[ref.verdict] || "•") + " " + verdictName(ref.verdict) + (lang === "en" ? ": " : "：") + ref.message;
        viewer.appendChild(verdict);
        var src = ref.source != null ? view.sources[ref.source] : null;
        if (src) {
          viewer.appendChild(el("p", "source-title", sourceTitle(src) + metaText(src)));
          viewer.appendChild(highlighted(src.text, src.highlights));
          if (src.highlights && src.highlights.length) viewer.appendChild(el("p", "hint", T.relied));
        }
        viewer.hidden = false;
        viewer.focus({ preventScroll: true });
        viewer.scrollIntoView({ block: "nearest" });
      }
    };
    function closeViewer() {
      viewer.hidden = true;
      if (openChip) { openChip.setAttribute("aria-expanded", "false"); openChip.focus(); }
      openChip = null;
    }
    viewer.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.stopPropagation(); closeViewer(); } });

    if (view.understood_as) {
      var u = el("p", "understood");
      u.appendChild(el("span", null, T.understood));
      u.appendChild(el("q", null, view.understood_as));
      bot.appendChild(u);
    }
    view.blocks.forEach(function (b) { bot.appendChild(block(b, ctx)); });
    var shown = view.blocks.filter(function (b) { return b.kind === "related" || b.kind === "ask"; })
      .map(function (b) { return JSON.stringify(b.items); }).join("");
    var followUps = (view.follow_ups || []).filter(function (q) { return shown.indexOf(q) < 0; });
    if (followUps.length) {
      var f = el("div", "follow-ups");
      followUps.forEach(function (q) { f.appendChild(button("suggestion", T.askNext + (lang === "en" ? ": " : "：") + q, function () { ask(q); })); });
      bot.appendChild(f);
    }
    if (view.refs.length) {
      var list = el("div", "refs");
      list.appendChild(el("h3", null, T.refs));
      var ul = el("ul");
      view.refs.forEach(function (r) {
        var li = el("li");
        li.appendChild(refChip(r, ctx));
        li.appendChild(el("span", "ref-label", r.label));
        li.appendChild(el("span", "verdict-name v-" + String(r.verdict).replace(/[^a-z_]/g, ""), verdictName(r.verdict)));
        ul.appendChild(li);
      });
      list.appendChild(ul);
      bot.appendChild(list);
    }
    bot.appendChild(viewer);
    var cited = {};
    view.refs.forEach(function (r) { if (r.source != null) cited[r.source] = true; });
    var others = view.sources.filter(function (s, i) { return !cited[i]; });
    if (others.length) {
      var d = el("details", "sources");
      d.appendChild(el("summary", null, T.otherSources + "（" + others.length + "）"));
      others.forEach(function (s) {
        var one = el("details", "source");
        one.appendChild(el("summary", null, sourceTitle(s) + metaText(s)));
        one.appendChild(highlighted(s.text, s.highlights));
        d.appendChild(one);
      });
      bot.appendChild(d);
    }
    bot.appendChild(actions(answer, view));
  }

  function metaText(s) {
    var parts = [];
    if (s.kind === "article" && s.meta) parts.push(s.meta);
    if (s.status && T.status[s.status]) parts.push(T.status[s.status]);
    return parts.length ? " · " + parts.join(" · ") : "";
  }

  function block(b, ctx) {
    var box = el("section", "block b-" + b.kind);
    var heading = b.kind === "conclusion" ? (b.heading || T.conclusion) : b.heading;
    if (b.kind === "title") {
      var h = el("h2", "answer-title");
      segments(h, b.items[0], ctx);
      return h;
    }
    if (heading && b.kind !== "facts") box.appendChild(el("h3", null, heading.replace(/[：:]$/, "")));
    if (b.kind === "steps" || b.kind === "list" || b.kind === "cautions" || b.kind === "related") {
      var list = el(b.kind === "steps" ? "ol" : "ul");
      b.items.forEach(function (item, k) {
        var li = el("li");
        if (b.kind === "related") {
          var text = item.map(function (s) { return s.text || ""; }).join("");
          li.appendChild(button("suggestion related-q", text, function () { ask(text); }));
        } else {
          segments(li, item, ctx);
          (b.subs[k] || []).forEach(function (sub) { var p = el("p", "sub"); segments(p, sub, ctx); li.appendChild(p); });
        }
        list.appendChild(li);
      });
      box.appendChild(list);
      return box;
    }
    b.items.forEach(function (item) {
      var p = el("p");
      if (b.kind === "facts") p.appendChild(el("strong", null, b.heading.replace(/[：:]$/, "") + "："));
      segments(p, item, ctx);
      box.appendChild(p);
    });
    if (b.kind === "ask") {
      var quoted = /[“"]([^”"]+)[”"]/.exec(b.items[0].map(function (s) { return s.text || ""; }).join(""));
      if (quoted) box.appendChild(button("suggestion", T.askNext + (lang === "en" ? ": " : "：") + quoted[1], function () { ask(quoted[1]); }));
    }
    return box;
  }

  function actions(answer, view) {
    var bar = el("div", "actions");
    var copy = button("act copy", T.copy, function () {
      var text = view.plain_text || answer.text;
      var done = function () { copy.textContent = T.copied; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
      else { fallbackCopy(text); done(); }
    });
    bar.appendChild(copy);
    var fb = el("div", "feedback");
    fb.setAttribute("role", "group");
    fb.setAttribute("aria-label", T.rate);
    var up = button("act thumb up"), down = button("act thumb down");  // thumbs up first
    up.appendChild(thumb(false));
    up.appendChild(document.createTextNode(T.helpful));
    down.appendChild(thumb(true));
    down.appendChild(document.createTextNode(T.notHelpful));
    [up, down].forEach(function (b) { b.setAttribute("aria-pressed", "false"); fb.appendChild(b); });
    var rating = null;
    function rate(value, b) {
      rating = value;
      up.setAttribute("aria-pressed", String(b === up));
      down.setAttribute("aria-pressed", String(b === down));
      post("/api/feedback", { answer_id: answer.id, rating: value }).catch(function () {});
      if (!fb.querySelector(".comment")) {  // the rating is recorded; a comment is optional
        fb.appendChild(el("p", "thanks", T.thanks));
        var c = el("form", "comment");
        var label = el("label", null, T.comment);
        var ta = el("textarea");
        ta.rows = 2;
        ta.maxLength = 2000;
        ta.id = "comment-" + (++seq);
        label.htmlFor = ta.id;
        c.appendChild(label);
        c.appendChild(ta);
        c.appendChild(button("act", T.sendComment, function () {
          if (!ta.value.trim()) return;
          post("/api/feedback", { answer_id: answer.id, rating: rating, comment: ta.value.slice(0, 2000) })
            .then(function () { c.remove(); }, function () {});
        }));
        fb.appendChild(c);
      }
    }
    up.addEventListener("click", function () { rate("helpful", up); });
    down.addEventListener("click", function () { rate("not_helpful", down); });
    bar.appendChild(fb);
    return bar;
  }

  function thumb(down) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", down ? "icon flip" : "icon");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M2 10h4v11H2zM8 21h9.3a2 2 0 0 0 2-1.6l1.6-7A2 2 0 0 0 19 10h-5.2l.8-4.4A2 2 0 0 0 12.7 3L8 9z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function fallbackCopy(text) {
    var ta = el("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.className = "sr-only";
    document.body.appendChild(ta);
    ta.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    ta.remove();
  }

  function renderError(bot, t) {
    bot.textContent = "";
    bot.className = "msg bot error";
    bot.removeAttribute("aria-busy");
    bot.setAttribute("role", "alert");
    bot.appendChild(el("p", null, t.error));
    bot.appendChild(el("p", "hint", T.kept));
    bot.appendChild(button("retry", T.retry, function () { retry(t); }));
  }

  // ----- talking to the server -----------------------------------------------------------------------
  function post(path, payload, signal) {
    var headers = { "Content-Type": "application/json" };
    if (mode === "embed") headers["X-Assistant-Client"] = "embed";
    if (key) headers["X-API-Key"] = key;
    return fetch(path, { method: "POST", headers: headers, body: JSON.stringify(payload), signal: signal }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var err = new Error((data.error && data.error.code) || "http_" + r.status);
          err.status = r.status;
          err.retryAfter = r.headers.get("Retry-After");
          throw err;
        }
        return data;
      });
    });
  }

  function explain(err, why) {
    if (why === "timeout") return fmt(T.errTimeout, timeoutS);
    if (why === "stop") return T.errStopped;
    if (!err.status) return T.errOffline;
    if (err.status === 429) return fmt(T.errBusy, err.retryAfter || 30);
    if (err.status === 413) return T.errTooLong;
    if (err.status === 401) return T.errKey;
    if (err.status === 400 || err.status === 422) return T.errBad;
    return T.errServer;
  }

  function ask(q) {
    q = String(q || "").trim();
    if (!q || inflight) return;
    var t = { q: q, answer: null, error: null };
    if (!turns.length) log.textContent = "";
    turns.push(t);
    renderTurn(t);
    t.node.parentNode.scrollIntoView({ block: "start", behavior: "auto" });
    run(t);
  }

  function run(t) {
    var controller = new AbortController();
    var why = null;
    var timer = setTimeout(function () { why = "timeout"; controller.abort(); }, timeoutS * 1000);
    inflight = { abort: function (reason) { why = reason || "stop"; controller.abort(); } };
    setBusy(true);
    post("/api/ask", { question: t.q, history: historyBefore(t) }, controller.signal).then(function (answer) {
      t.answer = answer;
      t.error = null;
      renderAnswer(t.node, answer);
      save();
      t.node.parentNode.scrollIntoView({ block: "start" });  // the conclusion, not the disclaimer
    }, function (err) {
      if (why === "new") return;
      t.error = explain(err, why);
      renderError(t.node, t);
      t.node.scrollIntoView({ block: "nearest" });  // the message and its retry button on screen
      if (!input.value.trim()) { input.value = t.q; grow(); }  // nothing typed is lost
    }).then(function () {
      clearTimeout(timer);
      inflight = null;
      setBusy(false);
      if (why !== "new" && mode === "embed") input.focus();
    });
  }

  function retry(t) {
    if (inflight) return;
    t.error = null;
    if (input.value.trim() === t.q) input.value = "";
    t.node.className = "msg bot pending";
    t.node.removeAttribute("role");
    t.node.setAttribute("aria-busy", "true");
    t.node.textContent = T.thinking;
    run(t);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (inflight) { inflight.abort("stop"); return; }
    var q = input.value.trim();
    if (!q) return;
    input.value = "";
    grow();
    ask(q);
  });
  input.addEventListener("input", grow);
  function grow() {  // the box grows with what is typed, up to the stylesheet's max-height
    input.style.height = "auto";
    input.style.height = input.scrollHeight + 2 + "px";
  }
  input.addEventListener("keydown", function (e) {
    // Enter sends, Shift+Enter adds a line; while an input method is composing, Enter picks the candidate
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      if (!inflight) form.requestSubmit();
    }
  });
  document.querySelectorAll(".new-chat").forEach(function (b) { b.addEventListener("click", newConversation); });
  document.querySelectorAll("[data-lang]").forEach(function (b) {
    b.addEventListener("click", function () {
      lang = b.getAttribute("data-lang") === "en" ? "en" : "zh";
      try { window.localStorage.setItem("ea-lang", lang); } catch (e) { /* not remembered */ }
      applyLanguage();
      renderAll();
    });
  });

  // ----- the citation check (page only) ----------------------------------------------------------------
  if ($("check-form")) {
    $("check-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var text = $("check-input").value.trim();
      var out = $("check-result");
      if (!text) return;
      out.textContent = T.thinking;
      post("/api/check?annotate=true", { text: text.slice(0, 50000) }).then(function (report) {
        out.textContent = "";
        if (!report.citations.length) { out.appendChild(el("p", "hint", T.checkNone)); return; }
        out.appendChild(el("p", "check-count", fmt(T.checkSummary, report.citations.length)));
        var annotated = el("div", "check-text");
        annotated.innerHTML = report.annotated_html;  // the guard escapes the text and every attribute
        out.appendChild(annotated);
        var ul = el("ul", "check-list");
        report.citations.forEach(function (c) {
          var li = el("li");
          li.setAttribute("data-verdict", c.verdict);
          li.appendChild(el("strong", null, c.text));
          li.appendChild(document.createTextNode(" " + (ICON[c.verdict] || "•") + " " + verdictName(c.verdict) + (lang === "en" ? ": " : "：") + c.message));
          ul.appendChild(li);
        });
        out.appendChild(ul);
      }, function (err) {
        out.textContent = "";
        out.appendChild(el("p", "error", explain(err, null)));
      });
    });
  }

  // ----- inside the widget: focus on open, Escape closes ---------------------------------------------------
  if (mode === "embed") {
    window.addEventListener("message", function (e) {
      if (e.source !== window.parent || !e.data || typeof e.data !== "object") return;
      if (e.data.type === "ea-focus") input.focus();
      if (e.data.type === "ea-focus-last") sendBtn.focus();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !e.defaultPrevented && window.parent !== window) {
        window.parent.postMessage({ type: "ea-close" }, "*");  // carries nothing but the request to close
      }
    });
  }

  applyLanguage();
  renderAll();
  if (mode === "page" && window.matchMedia("(min-width: 700px)").matches) input.focus();
})();
