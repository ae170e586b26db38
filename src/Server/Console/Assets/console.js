// The little the console needs in the browser: ask before a destructive button does its work.
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
        event.preventDefault();
    }
});
