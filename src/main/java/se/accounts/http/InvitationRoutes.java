package se.accounts.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import se.accounts.db.Database;
import se.accounts.entities.OrganizationUsers;
import se.accounts.http.openapi.InvitationDescription;
import se.accounts.http.openapi.OpenApiDocument;
import se.accounts.invite.InvitationAcceptance;
import se.accounts.invite.InvitationMail;
import se.accounts.invite.InvitationService;
import se.accounts.json.Json;
import se.accounts.model.Action;
import se.accounts.tenancy.Caller;

/** Inviting organization users and accepting invitations (contract 7.1 and 7.2). */
public final class InvitationRoutes implements RouteModule {
    public static final String INVITE_PATH = "/accounts/users/auth/invite/organization/organizationuser/";
    private static final byte[] NULL_BODY = "null".getBytes(StandardCharsets.UTF_8);

    private final InvitationService invitations;
    private final InvitationAcceptance acceptance;
    private final IdempotencyKeys idempotency;
    private final RateLimiter acceptLimiter;

    public InvitationRoutes(InvitationService invitations, InvitationAcceptance acceptance, Database database,
                            int acceptAttemptsPerMinute) {
        this.invitations = invitations;
        this.acceptance = acceptance;
        this.idempotency = new IdempotencyKeys(database);
        this.acceptLimiter = new RateLimiter(database, acceptAttemptsPerMinute);
    }

    @Override
    public void register(Routes routes) {
        routes.path(INVITE_PATH).post(this::invite).register();
        routes.path(InvitationMail.ACCEPT_PATH).get(AcceptPage::show).post(this::accept).register();
    }

    @Override
    public void describe(OpenApiDocument document) {
        InvitationDescription.describe(document, INVITE_PATH, InvitationMail.ACCEPT_PATH,
                InvitationService.MAX_USERS_PER_REQUEST,
                OrganizationUsers.ORGANIZATION_USER.permission(Action.INVITE));
    }

    private void invite(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        if (!caller.may(OrganizationUsers.ORGANIZATION_USER.permission(Action.INVITE))) {
            throw ApiError.forbidden();
        }
        JsonNode body = Json.parse(BodyLimit.read(ctx));
        IdempotencyKeys.Request request = IdempotencyKeys.request(caller, ctx, body);
        JsonResponse response = idempotency.run(request, session -> {
            invitations.invite(session, body);
            return new JsonResponse(201, NULL_BODY, null);
        });
        invitations.invitationsCommitted();
        JsonResponse.send(ctx, response);
    }

    /** Rate-limited per client address, so tokens cannot be guessed by trying many. */
    private void accept(Context ctx) {
        acceptLimiter.hit("accept:" + ClientAddress.of(ctx));
        InvitationAcceptance.AcceptedUser user = acceptance.accept(Json.parse(BodyLimit.read(ctx)));
        ctx.status(200);
        ctx.json(user);
    }
}
