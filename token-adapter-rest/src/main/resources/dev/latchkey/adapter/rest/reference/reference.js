// Kept out of the page so that its Content-Security-Policy can forbid inline scripts.
window.addEventListener('load', function () {
    window.ui = SwaggerUIBundle({
        url: '/openapi.yml',
        dom_id: '#reference',
        deepLinking: true,
        validatorUrl: null,
        tryItOutEnabled: false,
        docExpansion: 'list',
        presets: [SwaggerUIBundle.presets.apis],
        layout: 'BaseLayout'
    });
});
