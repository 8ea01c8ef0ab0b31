package se.accounts.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import se.accounts.http.openapi.OpenApiDocument;

/**
 * The API reference: {@code /openapi.json}, the document every route module contributed to, and {@code /docs/},
 * Swagger UI from its webjar (inside the jar, so the page works offline) showing that document.
 */
final class ReferenceRoutes implements RouteModule {
    static final String DOCUMENT_PATH = "/openapi.json";
    static final String DOCS_PATH = "/docs/";
    private static final String ASSETS_PATH = DOCS_PATH + "assets";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

    private final OpenApiDocument.Published published;
    /** The document with ACCOUNTS_PUBLIC_URL as its server, the same for every request; empty without it. */
    private final Optional<byte[]> fixedDocument;
    private final byte[] page;

    /**
     * {@code document} holds the descriptions of every other module; this one adds its own and serves it, with
     * {@code publicUrl} (ACCOUNTS_PUBLIC_URL) as its server, else the address the request was sent to.
     */
    ReferenceRoutes(OpenApiDocument document, Optional<String> publicUrl) {
        describe(document);
        this.published = document.publish();
        this.fixedDocument = publicUrl.map(published::withServer);
        this.page = resource("docs/index.html");
    }

    /** Serves the Swagger UI files under {@code /docs/assets/}. */
    static void addStaticFiles(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = ASSETS_PATH;
            files.directory = "/" + WEBJAR + swaggerUiVersion();
            files.location = Location.CLASSPATH;
        });
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = ReferenceRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the swagger-ui webjar is missing from the class path", e);
        }
        return properties.getProperty("version");
    }

    @Override
    public void register(Routes routes) {
        routes.path(DOCUMENT_PATH).get(this::document).register();
        routes.path(DOCS_PATH).get(this::page).register();
    }

    @Override
    public void describe(OpenApiDocument target) {
        ObjectNode json = target.publicOperation(DOCUMENT_PATH, "get", "Service", "openapi_document",
                "This OpenAPI document");
        OpenApiDocument.okContent(json, "The OpenAPI 3.1 document.", "application/json").putObject("schema")
                .put("type", "object");
        ObjectNode docs = target.publicOperation(DOCS_PATH, "get", "Service", "api_reference_page",
                "This reference as a web page");
        OpenApiDocument.okContent(docs, "The HTML page.", "text/html").putObject("schema").put("type", "string");
    }

    private void document(Context ctx) {
        ctx.contentType(OpenApiDocument.CONTENT_TYPE);
        ctx.result(fixedDocument.orElseGet(() -> published.withServer(ctx.scheme() + "://"
                + ctx.req().getServerName() + ":" + ctx.req().getServerPort())));
    }

    private void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(page);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ReferenceRoutes.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
