// Saiyo's only script, loaded from a file so that the Content-Security-Policy allows no inline script.
// <form data-confirm="…"> asks before submitting; <select data-autosubmit> submits its form on change.
document.addEventListener("submit", (event) => {
    const form = event.target;
    const message = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
    if (message && !window.confirm(message)) event.preventDefault();
});
document.addEventListener("change", (event) => {
    const select = event.target;
    if (select instanceof HTMLSelectElement && select.hasAttribute("data-autosubmit")) select.form?.requestSubmit();
});
