// The stock and numbers pages: an option checkbox applies at once, a header checkbox ticks or unticks its whole list,
// and a move button waits until something is ticked.
(() => {
    const refresh = () => {
        for (const button of document.querySelectorAll("[data-needs]")) {
            button.disabled = !document.querySelector(`input[type=checkbox][name="${button.dataset.needs}"]:checked`);
        }
    };
    document.addEventListener("change", (event) => {
        const input = event.target;
        if (input.matches("[data-autosubmit]")) {
            input.form.requestSubmit();
        }
        if (input.matches("[data-select-all]")) {
            for (const box of document.querySelectorAll(`input[type=checkbox][name="${input.dataset.selectAll}"]`)) {
                box.checked = input.checked;
            }
        }
        refresh();
    });
    refresh();
})();
