// Saves an application form as the citizen types (the server keeps the draft), so a dropped
// connection or a closed tab loses nothing. Without JavaScript the "Simpan draf" button does
// the same. Messages come from the page (data attributes), so they follow its language.
(function () {
  const form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) return;
  const status = form.querySelector("[data-autosave-status]");
  let timer = null;
  let inFlight = false;
  let again = false;

  function say(text) { if (status && text) status.textContent = text; }

  async function save() {
    if (inFlight) { again = true; return; }
    inFlight = true;
    const body = new FormData(form);
    body.set("action", "save");
    // A file goes up once, when chosen; later saves leave the stored one alone.
    const files = [...form.querySelectorAll("input[type=file]")];
    for (const input of files) if (!input.dataset.dirty) body.delete(input.name);
    try {
      const response = await fetch(form.action || window.location.href, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-Autosave": "1", "X-Requested-With": "fetch" },
      });
      const data = await response.json();
      say(data.saved ? form.dataset.savedText : form.dataset.errorText);
      for (const input of files) {
        if (!input.dataset.dirty || (data.errors || {})[input.name]) continue;
        delete input.dataset.dirty;
        const name = input.files.length ? input.files[0].name : "";
        input.value = "";
        if (!name) continue;
        let note = input.parentElement.querySelector("[data-saved-file]");
        if (!note) {
          note = document.createElement("p");
          note.className = "form-current-file";
          note.dataset.savedFile = "1";
          input.insertAdjacentElement("afterend", note);
        }
        note.textContent = `${form.dataset.fileSavedText || ""} ${name}`;
      }
    } catch (e) {
      say(form.dataset.offlineText);
    } finally {
      inFlight = false;
      if (again) { again = false; schedule(); }
    }
  }

  function schedule() { clearTimeout(timer); timer = setTimeout(save, 1200); }
  form.addEventListener("input", (event) => { if (event.target.type !== "file") schedule(); });
  form.addEventListener("change", (event) => {
    if (event.target.type === "file") event.target.dataset.dirty = "1";
    schedule();
  });
})();
