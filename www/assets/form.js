// Stadtwerke Lotsenhafen demo: accessible form validation (inline errors plus an error summary).

import { t } from "./i18n.js";

function labelText(input) {
  const label = input.labels?.[0];
  if (!label) return input.name || input.id;
  const copy = label.cloneNode(true);
  copy.querySelectorAll(".optional-note").forEach((n) => n.remove());
  return copy.textContent.trim();
}

function errorElement(input) {
  const id = `${input.id}-error`;
  let el = document.getElementById(id);
  if (!el) {
    el = document.createElement("p");
    el.id = id;
    el.className = "field-error";
    el.hidden = true;
    (input.closest(".field") ?? input.parentElement).append(el);
  }
  return el;
}

function describe(input, id, on) {
  const ids = new Set((input.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean));
  if (on) ids.add(id); else ids.delete(id);
  if (ids.size) input.setAttribute("aria-describedby", [...ids].join(" "));
  else input.removeAttribute("aria-describedby");
}

/** Shows `message` under `input` (or clears it when null). */
export function showError(input, message) {
  const el = errorElement(input);
  el.textContent = message ?? "";
  el.hidden = !message;
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
  describe(input, el.id, Boolean(message));
}

/**
 * Validates `form` on submit. `fields` lists `{ id, check?, required?, requiredKey? }`;
 * `check(value)` returns null or [messageKey, vars]. When every field is fine,
 * `onValid(values)` is called with the trimmed values (checkboxes as booleans).
 */
export function bindForm(form, fields, onValid) {
  form.noValidate = true;
  let submitted = false;
  const inputs = fields.map((f) => ({ ...f, input: document.getElementById(f.id) })).filter((f) => f.input);

  const summary = document.createElement("div");
  summary.className = "error-summary";
  summary.tabIndex = -1;
  summary.hidden = true;
  summary.setAttribute("role", "alert");
  summary.dataset.testid = `${form.id}-errors`;
  form.prepend(summary);

  function problem(f) {
    const { input } = f;
    if (input.type === "checkbox") {
      return f.required !== false && !input.checked ? t(f.requiredKey ?? "required") : null;
    }
    const value = input.value.trim();
    if (!value) return f.required === false ? null : t(f.requiredKey ?? "required");
    const found = f.check?.(value);
    return found ? t(found[0], found[1]) : null;
  }

  function validate(f) {
    const message = problem(f);
    showError(f.input, message);
    return message;
  }

  for (const f of inputs) {
    const again = () => { if (submitted || f.input.getAttribute("aria-invalid")) validate(f); };
    f.input.addEventListener(f.input.type === "checkbox" ? "change" : "input", again);
    f.input.addEventListener("blur", () => {
      if (f.input.type !== "checkbox" && f.input.value.trim()) validate(f);
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitted = true;
    const failed = inputs.map((f) => [f, validate(f)]).filter(([, message]) => message);
    summary.replaceChildren();
    if (failed.length) {
      const h = document.createElement("h2");
      h.textContent = t(failed.length === 1 ? "errorSummaryOne" : "errorSummary", { count: failed.length });
      const ul = document.createElement("ul");
      for (const [f, message] of failed) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = `#${f.id}`;
        a.textContent = `${labelText(f.input)}: ${message}`;
        a.addEventListener("click", (e) => { e.preventDefault(); f.input.focus(); });
        li.append(a);
        ul.append(li);
      }
      summary.append(h, ul);
      summary.hidden = false;
      summary.focus();
      return;
    }
    summary.hidden = true;
    const values = {};
    for (const { id, input } of inputs) values[id] = input.type === "checkbox" ? input.checked : input.value.trim();
    onValid(values, event.submitter);
  });
}

/** Fills the elements marked `data-fill="key"` inside `root` from `values`. */
export function fill(root, values) {
  root.querySelectorAll("[data-fill]").forEach((el) => {
    const value = values[el.dataset.fill];
    if (value !== undefined && value !== null && value !== "") el.textContent = value;
  });
}

/** Goes to `page` in the same folder (a real navigation, so guides see the new URL). */
export function go(page) {
  window.location.assign(new URL(page, window.location.href).href);
}
