// Shows a form field as soon as its condition holds (data-show-if-field / data-show-if-value,
// written by services/forms/_fields.html) and hides it again when it stops holding. The server
// decides the same thing on every save and drops hidden answers; this only saves a round trip.
// A hidden field's inputs are disabled so that the browser neither sends nor requires them.
(function () {
  "use strict";

  function controlValue(form, name) {
    // The controlling field's current answer: a string, a list (checkboxes) or a boolean
    // (a declaration's single checkbox).
    const inputs = Array.from(form.querySelectorAll("[name]")).filter(
      (element) => element.name === name && !element.disabled,
    );
    if (!inputs.length) return null;
    const first = inputs[0];
    if (first.type === "checkbox" && inputs.length === 1 && first.value === "true") {
      return first.checked;
    }
    if (first.type === "checkbox") {
      return inputs.filter((input) => input.checked).map((input) => input.value);
    }
    if (first.type === "radio") {
      const checked = inputs.find((input) => input.checked);
      return checked ? checked.value : null;
    }
    return first.value.trim();
  }

  function matches(value, expected) {
    if (value === null || value === "") return false;
    if (Array.isArray(value)) return value.includes(expected);
    if (typeof value === "boolean") return value === true && expected === true;
    if (typeof expected === "number") {
      return Number(value.replace(/\s/g, "").replace(",", ".")) === expected;
    }
    return value === String(expected);
  }

  function setShown(wrapper, shown) {
    if (wrapper.hidden === !shown) return;
    wrapper.hidden = !shown;
    wrapper.querySelectorAll("input, select, textarea").forEach((input) => {
      input.disabled = !shown;
    });
  }

  function update(container) {
    const form = container.closest("form") || container;
    // Document order: a field's condition only names an earlier field, so one pass settles
    // chains (a field whose controlling field is hidden is hidden too).
    container.querySelectorAll("[data-show-if-field]").forEach((wrapper) => {
      const name = wrapper.dataset.showIfField;
      let expected;
      try {
        expected = JSON.parse(wrapper.dataset.showIfValue);
      } catch (error) {
        return;
      }
      const control = container.querySelector(`[data-field-name="${CSS.escape(name)}"]`);
      const controlShown = !control || !control.hidden;
      setShown(wrapper, controlShown && matches(controlValue(form, name), expected));
    });
  }

  function start() {
    document.querySelectorAll("[data-form-conditions]").forEach((container) => {
      if (container.dataset.conditionsReady) return;
      container.dataset.conditionsReady = "true";
      container.addEventListener("change", () => update(container));
      container.addEventListener("input", () => update(container));
      update(container);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
