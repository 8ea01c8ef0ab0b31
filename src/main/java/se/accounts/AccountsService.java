package se.accounts;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.db.Database;
import se.accounts.db.ManagedDatabase;
import se.accounts.entities.EntityCatalog;
import se.accounts.entities.rules.HostResolver;
import se.accounts.entities.rules.WebhookAddress;
import se.accounts.events.EventRetention;
import se.accounts.events.EventWriter;
import se.accounts.entities.OrganizationUsers;
import se.accounts.entities.Organizations;
import se.accounts.http.EntityRoutes;
import se.accounts.http.HttpServer;
import se.accounts.http.IdempotencyPurge;
import se.accounts.http.InvitationRoutes;
import se.accounts.invite.InvitationAcceptance;
import se.accounts.invite.InvitationMail;
import se.accounts.invite.InvitationService;
import se.accounts.json.Json;
import se.accounts.mail.MailSender;
import se.accounts.mail.MailTransport;
import se.accounts.mail.OutboxFiles;
import se.accounts.mail.SmtpServer;
import se.accounts.model.Entity;
import se.accounts.model.ServiceSettings;
import se.accounts.query.References;
import se.accounts.query.SchemaCheck;
import se.accounts.resource.EntityService;
import se.accounts.tenancy.Caller;
import se.accounts.tenancy.ClientCredentials;
import se.accounts.tenancy.ClientRegistry;
import se.accounts.tenancy.ClientVerifier;
import se.accounts.webhooks.WebhookDispatcher;

/** The running service: database, HTTP server, mail sender and the wiring between them. */
public final class AccountsService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccountsService.class);
    static final String DEMO_CUSTOMER = "Demo AB";
    static final String DEMO_EMAIL = "demo.user@example.se";

    private final ManagedDatabase database;
    private final MailSender mailSender;
    private final IdempotencyPurge idempotencyPurge;
    private final HttpServer http;
    private final Optional<ServiceMetrics> metrics;
    private final EventRetention eventRetention;
    private final WebhookDispatcher webhooks;

    private AccountsService(ManagedDatabase database, MailSender mailSender, IdempotencyPurge idempotencyPurge,
                            HttpServer http, Optional<ServiceMetrics> metrics, EventRetention eventRetention,
                            WebhookDispatcher webhooks) {
        this.database = database;
        this.mailSender = mailSender;
        this.idempotencyPurge = idempotencyPurge;
        this.http = http;
        this.metrics = metrics;
        this.eventRetention = eventRetention;
        this.webhooks = webhooks;
    }

    /** Starts everything; {@code console} receives the demo credentials on a first start. */
    public static AccountsService start(Config config, PrintStream console) {
        ManagedDatabase managed = ManagedDatabase.open(config);
        MailSender mailSender = null;
        try {
            Database database = managed.database();
            Database background = database.background();
            SchemaCheck.verify(database, EntityCatalog.ALL);
            MailTransport transport = config.smtp().<MailTransport>map(SmtpServer::new)
                    .orElseGet(() -> new OutboxFiles(config.outboxDir()));
            AtomicInteger boundPort = new AtomicInteger(config.port());
            mailSender = new MailSender(background, transport, config.mailFrom(), Map.of(InvitationService.MAIL_KIND,
                    new InvitationMail(database, () -> config.publicUrl(boundPort.get()))), config.mailRetryDelay());
            InvitationService invitations = new InvitationService(config.invitationValidity(), mailSender::wakeUp);
            WebhookAddress webhookAddress = new WebhookAddress(config.events().webhookAllowPrivate(),
                    HostResolver.SYSTEM);
            Map<Entity, EntityService> services = services(database, ServiceSettings.of(webhookAddress));
            WebhookDispatcher webhooks = new WebhookDispatcher(background, webhookAddress,
                    config.events().webhookRetryDelay(), config.events().webhookGiveUp());
            ClientRegistry clients = new ClientRegistry(database);
            if (managed.isEmbedded() && !clients.hasCustomers()) {
                createDemo(config, console, clients, services);
            }
            ClientVerifier verifier = new ClientVerifier(database);
            Optional<ServiceMetrics> metrics = config.metrics() ? Optional.of(new ServiceMetrics()) : Optional.empty();
            if (metrics.isPresent()) {
                MeterRegistry registry = metrics.get().registry();
                database.publishMetrics(registry);
                verifier.publishMetrics(registry);
                mailSender.bindTo(registry);
                webhooks.bindTo(registry);
            }
            HttpServer http = HttpServer.create(config, database, verifier, Json.MAPPER, List.of(
                    new EntityRoutes(List.copyOf(services.values()), database),
                    new InvitationRoutes(invitations, new InvitationAcceptance(database), database,
                            config.acceptAttemptsPerMinute())), metrics.map(ServiceMetrics::registry));
            http.start(config.host(), config.port());
            boundPort.set(http.port());
            mailSender.start();
            EventRetention eventRetention = new EventRetention(background, config.events().retention());
            eventRetention.start();
            webhooks.start();
            log.info("Listening on http://{}:{}", config.host(), http.port());
            if (config.smtp().isEmpty()) {
                log.info("No SMTP server configured (ACCOUNTS_SMTP_HOST): mail is written to {}", config.outboxDir());
            }
            return new AccountsService(managed, mailSender, IdempotencyPurge.start(background), http, metrics,
                    eventRetention, webhooks);
        } catch (RuntimeException e) {
            if (mailSender != null) {
                mailSender.close();
            }
            managed.close();
            throw e;
        }
    }

    /** Every entity's service, each with the event log's hook and the settings its declared checks need. */
    private static Map<Entity, EntityService> services(Database database, ServiceSettings settings) {
        References references = new References(EntityCatalog.ALL);
        EventWriter events = new EventWriter(EntityCatalog.ALL);
        Map<Entity, EntityService> services = new LinkedHashMap<>();
        EntityCatalog.ALL.forEach(entity -> {
            services.put(entity, new EntityService(entity, database, references, List.of(events), settings));
        });
        return services;
    }

    public int port() {
        return http.port();
    }

    /** Every path the server answers with its methods. */
    public Map<String, List<String>> routes() {
        return http.routes();
    }

    public ManagedDatabase database() {
        return database;
    }

    /** Stops taking requests, finishes those in flight and the mail being sent, then closes the database. */
    @Override
    public void close() {
        http.stop();
        idempotencyPurge.close();
        mailSender.close();
        eventRetention.close();
        webhooks.close();
        metrics.ifPresent(ServiceMetrics::close);
        database.close();
    }

    /**
     * A first start on the embedded database gets a demo customer with an all-permission client, an organization
     * and a user to invite, and prints how to call the API.
     */
    private static void createDemo(Config config, PrintStream console, ClientRegistry clients,
                                   Map<Entity, EntityService> services) {
        ClientCredentials credentials = clients.create(DEMO_CUSTOMER, Optional.empty(),
                List.of(Caller.ALL_PERMISSIONS));
        UUID customer = credentials.customerId();
        UUID organization = services.get(Organizations.ORGANIZATION).create(customer,
                Json.MAPPER.createObjectNode().put("name", DEMO_CUSTOMER)).id();
        var user = Json.MAPPER.createObjectNode().put("first_name", "Demo").put("last_name", "Användare")
                .put("email", DEMO_EMAIL).put("detail_access", 1);
        user.putObject("organization").put("id", organization.toString());
        UUID userId = services.get(OrganizationUsers.ORGANIZATION_USER).create(customer, user).id();
        console.println();
        console.println("First start: created the customer \"" + DEMO_CUSTOMER
                + "\", an integration client with every permission, and the user " + DEMO_EMAIL + ".");
        console.println("The client's headers (the secret is shown only this once):");
        credentials.headers().forEach((name, value) -> console.println("  " + name + ": " + value));
        console.println();
        console.println("List the users:");
        console.println(credentials.curl(config.publicUrl() + EntityCatalog.DEMO_LIST_PATH));
        console.println();
        console.println("Invite the demo user (the mail lands in " + (config.smtp().isPresent()
                ? "the SMTP server" : config.outboxDir().toString()) + "):");
        console.println(credentials.curlPost(config.publicUrl() + InvitationRoutes.INVITE_PATH,
                "{\"id\": \"" + userId + "\"}"));
        console.println();
        console.flush();
    }
}
