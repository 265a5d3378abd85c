// Progressive enhancement only: every page works without this file. It reveals the copy buttons (hidden until a
// script can make them work) and copies a secret to the clipboard, or selects it where copying is not allowed.
document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('button[data-copy]').forEach(function (button) {
        var field = document.getElementById(button.getAttribute('data-copy'));
        var status = button.parentElement.querySelector('.copied');
        button.hidden = false;
        button.addEventListener('click', function () {
            field.select();
            var done = function (message) { if (status) { status.textContent = message; } };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(field.value).then(function () { done('Copied.'); },
                    function () { done('Selected: press Ctrl+C or ⌘C to copy.'); });
            } else {
                done(document.execCommand && document.execCommand('copy') ? 'Copied.'
                    : 'Selected: press Ctrl+C or ⌘C to copy.');
            }
        });
    });
});
