// The function-key editor in place: add, delete, move up and down (buttons, keyboard-usable) and drag and drop.
// The rows' order in the form is the keys' order: each row posts under its own name (Rows[k3].Label) and Rows.Index
// lists the names in the order the rows stand, so moving a row moves nothing else. Without this script the same
// buttons post the form and the server redraws the unsaved list.
(() => {
    const form = document.querySelector("[data-keys-editor]");
    if (!form) {
        return;
    }
    const rows = form.querySelector("[data-key-rows]");
    const template = document.getElementById("new-key-row");
    const announce = form.querySelector("[data-announce]");
    let added = 0;
    let dragged = null;

    const pad = (n) => String(n).padStart(2, "0");

    // Numbers, button names and the empty note follow the rows; the drawings show the saved keys, so they go stale.
    const renumber = (changed) => {
        [...rows.querySelectorAll("[data-key-row]")].forEach((row, i) => {
            const number = pad(i + 1);
            row.querySelector("[data-key-number]").textContent = number;
            row.querySelectorAll("[title]").forEach((el) => {
                el.title = el.title.replace(/\d{2}|__number__/, number);
                if (el.hasAttribute("aria-label")) {
                    el.setAttribute("aria-label", el.title);
                }
            });
        });
        form.querySelector("[data-keys-empty]").hidden = rows.children.length > 0;
        if (changed) {
            form.querySelector("[data-stale-note]").hidden = false;
            form.querySelectorAll("[data-placement]").forEach((cell) => cell.classList.add("stale"));
            document.querySelectorAll(".phone-drawing").forEach((figure) => figure.classList.add("stale"));
        }
    };

    const say = (row) => {
        const index = [...rows.children].indexOf(row) + 1;
        announce.textContent = form.dataset.movedText.replace("{index}", pad(index));
    };

    const move = (row, up) => {
        const other = up ? row.previousElementSibling : row.nextElementSibling;
        if (!other) {
            return;
        }
        if (up) {
            rows.insertBefore(row, other);
        } else {
            rows.insertBefore(other, row);
        }
        renumber(true);
        say(row);
    };

    const add = () => {
        let id;
        do {
            added += 1;
            id = "n" + added;
        } while (rows.querySelector(`[data-key-row="${id}"]`));
        const html = template.innerHTML.replaceAll("__row__", id).replaceAll("__number__", pad(rows.children.length + 1));
        rows.insertAdjacentHTML("beforeend", html);
        const row = rows.lastElementChild;
        renumber(true);
        row.querySelector("[data-field=kind]").focus();
    };

    form.addEventListener("click", (event) => {
        const button = event.target.closest("button");
        if (!button || !form.contains(button)) {
            return;
        }
        const row = button.closest("[data-key-row]");
        if (button.matches("[data-move]")) {
            event.preventDefault();
            move(row, button.dataset.move === "up");
            button.focus();
        } else if (button.matches("[data-remove]")) {
            event.preventDefault();
            const next = row.nextElementSibling || row.previousElementSibling;
            row.remove();
            renumber(true);
            (next ? next.querySelector("[data-remove]") : form.querySelector("[data-add-key]")).focus();
        } else if (button.matches("[data-add-key]")) {
            event.preventDefault();
            add();
        }
    });

    form.addEventListener("change", (event) => {
        const row = event.target.closest("[data-key-row]");
        if (event.target.matches("[data-field=kind]")) {
            row.dataset.kind = event.target.value;
        }
        // A supervision's label is most often the colleague's name, as the guide's example shows: offered, not imposed.
        const label = row && row.querySelector("[data-field=label]");
        if (event.target.matches("[data-field=contact]") && label && !label.value && event.target.value) {
            label.value = event.target.selectedOptions[0].textContent.replace(/\s*\(.*\)\s*$/, "").trim();
        }
        renumber(true);
    });

    rows.addEventListener("dragstart", (event) => {
        dragged = event.target.closest("[data-key-row]");
        if (!dragged || event.target.closest("input, select")) {
            event.preventDefault();
            return;
        }
        dragged.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", dragged.dataset.keyRow);
    });
    rows.addEventListener("dragover", (event) => {
        const over = event.target.closest("[data-key-row]");
        if (!dragged || !over || over === dragged) {
            return;
        }
        event.preventDefault();
        const box = over.getBoundingClientRect();
        rows.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? over : over.nextElementSibling);
    });
    rows.addEventListener("drop", (event) => event.preventDefault());
    rows.addEventListener("dragend", () => {
        if (dragged) {
            dragged.classList.remove("dragging");
            renumber(true);
            say(dragged);
            dragged = null;
        }
    });
})();
