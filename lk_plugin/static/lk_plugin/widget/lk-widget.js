/*
 * «Личный кабинет»: the login widget for pages that Wagtail does not render.
 *
 *   <div id="lk-login"></div>
 *   <script src="https://lk.example.ru/lk/widget.js" data-lk-target="#lk-login"
 *           data-lk-api="https://lk.example.ru" defer></script>
 *
 * Plain ES2017, no dependencies, no build step. Talks to allauth headless (browser client) under
 * /api/lk/v1/auth/ with the session cookie (credentials: "include"); the page's origin must be in
 * LK_API_ALLOWED_ORIGINS (and CSRF_TRUSTED_ORIGINS) of the cabinet's site.
 * Events on the target element: "lk:login" (detail: user) and "lk:logout".
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) {
    return;
  }
  var AUTH = "/api/lk/v1/auth";
  var SESSION = AUTH + "/browser/v1/auth/session";
  var LOGIN = AUTH + "/browser/v1/auth/login";
  var CSRF = AUTH + "/csrf/";
  var P = "lk-embed";
  var T = {
    title: "Личный кабинет",
    login: "Email, СНИЛС, ОГРН или ОГРНИП",
    password: "Пароль",
    submit: "Войти",
    busy: "Вход…",
    signup: "Регистрация",
    reset: "Забыли пароль?",
    cabinet: "Личный кабинет",
    unread: function (n) {
      return "Новых уведомлений: " + n;
    },
    logout: "Выйти",
    loading: "Загрузка…",
    required: "Обязательное поле.",
    tooMany: "Слишком много неудачных попыток входа. Подождите несколько минут или восстановите пароль.",
    verify: "Подтвердите адрес электронной почты: мы отправили письмо со ссылкой. Затем войдите снова.",
    otherStep: "Для входа нужен ещё один шаг. Войдите на сайте личного кабинета.",
    failed: "Не удалось войти. Обновите страницу и попробуйте ещё раз.",
    offline: "Личный кабинет сейчас недоступен. Попробуйте позже.",
    captcha: "Для этой учётной записи было несколько неудачных попыток входа: войдите на странице входа, там нужно ввести код с картинки.",
    loginPage: "Страница входа",
  };
  var CSS =
    "." + P + "{font:inherit;max-width:22rem;border:1px solid #c9d1d9;border-radius:6px;padding:1rem;background:#fff;color:#1b1f24}" +
    "." + P + " *{box-sizing:border-box}" +
    "." + P + "__title{font-weight:600;margin:0 0 .75rem}" +
    "." + P + "__label{display:block;margin:.5rem 0 .25rem}" +
    "." + P + "__input{display:block;width:100%;padding:.45rem .6rem;border:1px solid #8c959f;border-radius:4px;font:inherit}" +
    "." + P + "__input[aria-invalid=true]{border-color:#b3261e}" +
    "." + P + "__input:focus-visible,." + P + "__btn:focus-visible,." + P + " a:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}" +
    "." + P + "__error{color:#b3261e;margin:.25rem 0 0;font-size:.9em}" +
    "." + P + "__alert{color:#b3261e;margin:.5rem 0;padding:.5rem;border-left:3px solid #b3261e;background:#fdf0ef}" +
    "." + P + "__alert:empty{display:none}" +
    "." + P + "__btn{margin-top:.75rem;padding:.5rem 1rem;border:0;border-radius:4px;background:#0a58ca;color:#fff;font:inherit;cursor:pointer}" +
    "." + P + "__btn[disabled]{opacity:.6;cursor:progress}" +
    "." + P + "__btn--link{background:none;color:#0a58ca;padding:0;text-decoration:underline}" +
    "." + P + "__links{display:flex;gap:1rem;flex-wrap:wrap;margin:.75rem 0 0}" +
    "." + P + "__name{font-weight:600;margin:0 0 .5rem}" +
    "." + P + "__menu{list-style:none;margin:0;padding:0}" +
    "." + P + "__menu li{margin:.25rem 0}";

  var target = document.querySelector(script.getAttribute("data-lk-target") || "#lk-login");
  if (!target) {
    return;
  }
  var api = (script.getAttribute("data-lk-api") || new URL(script.src, document.baseURI).origin).replace(/\/+$/, "");
  var uid = P + "-" + Math.random().toString(36).slice(2, 8);
  var state = { csrf: null, links: null };

  function injectStyle() {
    if (document.getElementById(P + "-style")) {
      return;
    }
    var style = document.createElement("style");
    style.id = P + "-style";
    style.textContent = CSS;
    document.head.appendChild(style);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") {
        node.textContent = attrs[key];
      } else if (key.slice(0, 2) === "on") {
        node.addEventListener(key.slice(2), attrs[key]);
      } else if (attrs[key] !== null && attrs[key] !== undefined) {
        node.setAttribute(key, attrs[key]);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(child);
      }
    });
    return node;
  }

  async function call(path, options) {
    options = options || {};
    var headers = { Accept: "application/json" };
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (options.method && options.method !== "GET") {
      headers["X-CSRFToken"] = await csrfToken(false);
    }
    var response = await fetch(api + path, {
      method: options.method || "GET",
      credentials: "include",
      headers: headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    var body = {};
    try {
      body = await response.json();
    } catch (e) {
      body = {};
    }
    return { status: response.status, body: body };
  }

  async function csrfToken(fresh) {
    if (!state.csrf || fresh) {
      var result = await call(CSRF);
      state.csrf = result.body.csrf_token;
      state.links = result.body.links || state.links;
    }
    return state.csrf;
  }

  function link(key, fallback) {
    return (state.links && state.links[key]) || api + fallback;
  }

  function emit(name, detail) {
    target.dispatchEvent(new CustomEvent(name, { detail: detail, bubbles: true }));
  }

  function render(node) {
    while (target.firstChild) {
      target.removeChild(target.firstChild);
    }
    target.appendChild(node);
  }

  function renderUser(user) {
    var unread = user.unread_notifications || 0;
    var logoutButton = el("button", { type: "button", class: P + "__btn " + P + "__btn--link", text: T.logout, onclick: logout });
    render(
      el("div", { class: P, "data-lk-state": "signed-in" }, [
        el("p", { class: P + "__name", "data-lk-widget-name": "", text: user.display || "" }),
        el("ul", { class: P + "__menu" }, [
          el("li", {}, [el("a", { href: link("cabinet", "/lk/"), text: T.cabinet })]),
          unread ? el("li", {}, [el("a", { href: link("notifications", "/lk/notifications/"), text: T.unread(unread) })]) : null,
        ]),
        logoutButton,
      ])
    );
  }

  function field(name, label, type, autocomplete) {
    var id = uid + "-" + name;
    var input = el("input", {
      id: id,
      name: name,
      type: type,
      class: P + "__input",
      autocomplete: autocomplete,
      required: "",
      "aria-describedby": id + "-error",
    });
    var error = el("p", { id: id + "-error", class: P + "__error", hidden: "" });
    return {
      input: input,
      node: el("div", {}, [el("label", { for: id, class: P + "__label", text: label }), input, error]),
      show: function (messages) {
        error.textContent = (messages || []).join(" ");
        error.hidden = !messages || !messages.length;
        input.setAttribute("aria-invalid", messages && messages.length ? "true" : "false");
      },
    };
  }

  function renderLogin(message) {
    var login = field("login", T.login, "text", "username");
    var password = field("password", T.password, "password", "current-password");
    var alert = el("div", { class: P + "__alert", role: "alert", "aria-live": "assertive" });
    var button = el("button", { type: "submit", class: P + "__btn", text: T.submit });
    var form = el("form", { class: P + "__form", novalidate: "", "aria-labelledby": uid + "-title" }, [
      el("p", { id: uid + "-title", class: P + "__title", text: T.title }),
      alert,
      login.node,
      password.node,
      button,
      el("p", { class: P + "__links" }, [
        el("a", { href: link("signup", "/accounts/signup/"), text: T.signup }),
        el("a", { href: link("password_reset", "/accounts/password/reset/"), text: T.reset }),
      ]),
    ]);
    alert.textContent = message || "";

    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      alert.textContent = "";
      login.show([]);
      password.show([]);
      var missing = false;
      [login, password].forEach(function (f) {
        if (!f.input.value.trim()) {
          f.show([T.required]);
          missing = true;
        }
      });
      if (missing) {
        (login.input.value.trim() ? password : login).input.focus();
        return;
      }
      button.disabled = true;
      button.textContent = T.busy;
      try {
        var result = await submitLogin(login.input.value, password.input.value);
        if (result.status === 200 && result.body.data && result.body.data.user) {
          state.csrf = null; // Django rotates the token at login
          renderUser(result.body.data.user);
          emit("lk:login", result.body.data.user);
          return;
        }
        var byField = { login: [], password: [], __all__: [] };
        (result.body.errors || []).forEach(function (error) {
          (byField[error.param] || byField.__all__).push(error.message);
        });
        login.show(byField.login);
        password.show(byField.password);
        var captcha = (result.body.errors || []).some(function (error) {
          return error.param === "captcha";
        });
        if (captcha) {
          // After failures the account asks for a captcha (tests/security/test_authentication.py):
          // the widget has no image to show, so it sends the person to the login page.
          alert.textContent = T.captcha + " ";
          alert.appendChild(el("a", { href: link("login", "/accounts/login/"), text: T.loginPage }));
        } else if (result.status === 429) {
          alert.textContent = byField.__all__[0] || T.tooMany;
        } else if (result.status === 401) {
          var pending = ((result.body.data || {}).flows || []).filter(function (flow) {
            return flow.is_pending;
          });
          alert.textContent = pending.length && pending[0].id === "verify_email" ? T.verify : T.otherStep;
        } else if (result.status === 409) {
          await start();
          return;
        } else if (result.status >= 400 && !byField.login.length && !byField.password.length) {
          alert.textContent = byField.__all__.join(" ") || T.failed;
        }
        password.input.value = "";
        (byField.login.length ? login : password).input.focus();
      } catch (e) {
        alert.textContent = T.offline;
      } finally {
        button.disabled = false;
        button.textContent = T.submit;
      }
    });
    render(el("div", { class: P, "data-lk-state": "guest" }, [form]));
    return login.input;
  }

  async function submitLogin(login, password) {
    var result = await call(LOGIN, { method: "POST", body: { login: login, password: password } });
    if (result.status === 403) {
      // A stale CSRF token (another tab signed in or out): ask for a fresh one once.
      await csrfToken(true);
      result = await call(LOGIN, { method: "POST", body: { login: login, password: password } });
    }
    return result;
  }

  async function logout() {
    try {
      await csrfToken(true);
      await call(SESSION, { method: "DELETE" });
    } catch (e) {
      // Signed out or not, show the form again; the cabinet checks the session itself.
    }
    state.csrf = null;
    renderLogin().focus();
    emit("lk:logout", null);
  }

  async function start() {
    render(el("div", { class: P, "aria-busy": "true", text: T.loading }));
    try {
      var results = await Promise.all([csrfToken(true), call(SESSION)]);
      var session = results[1];
      if (session.status === 200 && session.body.data && session.body.data.user) {
        renderUser(session.body.data.user);
      } else {
        renderLogin();
      }
    } catch (e) {
      renderLogin(T.offline);
    }
  }

  injectStyle();
  start();
})();
