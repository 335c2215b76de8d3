// The API documentation page: Swagger UI, served from the installed fastapi-offline package,
// over this server's OpenAPI document. No validator badge: it would call an outside server.
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  deepLinking: true,
});
