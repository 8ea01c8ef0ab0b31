package scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openapitools.client.ApiClient;
import org.openapitools.client.ApiException;
import org.openapitools.client.ApiResponse;
import org.openapitools.client.api.ExternalclientApi;
import org.openapitools.client.api.InvitationApi;
import org.openapitools.client.api.OrganizationuserApi;
import org.openapitools.client.api.OrganizationuserApi.APIAccountsOrganizationuserListRequest;
import org.openapitools.client.model.Externalclient;
import org.openapitools.client.model.ExternalclientCreate;
import org.openapitools.client.model.Organizationuser;
import org.openapitools.client.model.OrganizationuserCreate;
import org.openapitools.client.model.OrganizationuserDetailAccess;
import org.openapitools.client.model.OrganizationuserUpdate;
import org.openapitools.client.model.Relation;

/**
 * What an integrator writes against the Java client (library native) generated from /openapi.json: only
 * generated code talks to the service. Compiled and run by GeneratedJavaClientTest, one method per test.
 */
public final class JavaScenario {
    private final ApiClient client = new ApiClient();
    private final OrganizationuserApi users;
    private final String family = "Family" + UUID.randomUUID().toString().substring(0, 8);

    /** The seven X-PIGELLO headers go on every request; the base URL is the document's server. */
    public JavaScenario(Map<String, String> headers) {
        client.setRequestInterceptor(request -> headers.forEach(request::header));
        users = new OrganizationuserApi(client);
    }

    public void listsWithFiltersOrderPagingAndTotalCount() throws ApiException {
        create("Anna", "anna");
        create("Bertil", "bertil");
        create("Cecilia", "cecilia");
        APIAccountsOrganizationuserListRequest.Builder query = APIAccountsOrganizationuserListRequest.newBuilder()
                .lastName(family).firstNameExclamation("Bertil").orderBy("-first_name").statistics(true)
                .pageSize(1);

        ApiResponse<List<Organizationuser>> first = users.accountsOrganizationuserListWithHttpInfo(
                query.page(1).build());
        List<Organizationuser> second = users.accountsOrganizationuserList(query.page(2).build());

        assertThat(first.getHeaders().get("x-total-count")).containsExactly("2");
        assertThat(first.getData()).extracting(Organizationuser::getFirstName).containsExactly("Cecilia");
        assertThat(second).extracting(Organizationuser::getFirstName).containsExactly("Anna");
    }

    public void readsASlimList() throws ApiException {
        create("Anna", "anna");

        List<Organizationuser> slim = users.accountsOrganizationuserList(APIAccountsOrganizationuserListRequest
                .newBuilder().lastName(family).slim(true).build());

        assertThat(slim).hasSize(1);
        assertThat(slim.get(0).getFullName()).isEqualTo("Anna " + family);
        assertThat(slim.get(0).getCreatedAt()).isNull();
    }

    public void createsAndGets() throws ApiException {
        Organizationuser created = create("Anna", "anna");

        Organizationuser read = users.accountsOrganizationuserRetrieve(
                OrganizationuserApi.APIAccountsOrganizationuserRetrieveRequest.newBuilder().pk(created.getId()).build());

        assertThat(read.getEmail()).isEqualTo("anna." + family.toLowerCase() + "@example.se");
        assertThat(read.getDetailAccess()).isEqualTo(OrganizationuserDetailAccess.NUMBER_1);
        assertThat(read.getIsActive()).isTrue();
    }

    public void patchingOneFieldLeavesTheOthersAlone() throws ApiException {
        Externalclient external = new ExternalclientApi(client).organizationExternalclientCreate(
                ExternalclientApi.APIOrganizationExternalclientCreateRequest.newBuilder()
                        .externalclientCreate(new ExternalclientCreate().name("Fortnox")).build());
        Organizationuser created = users.accountsOrganizationuserCreate(
                OrganizationuserApi.APIAccountsOrganizationuserCreateRequest.newBuilder().organizationuserCreate(
                        newUser("Anna", "anna").externalClients(List.of(new Relation().id(external.getId()))))
                        .build());

        Organizationuser patched = users.accountsOrganizationuserPartialUpdate(
                OrganizationuserApi.APIAccountsOrganizationuserPartialUpdateRequest.newBuilder().pk(created.getId())
                        .organizationuserUpdate(new OrganizationuserUpdate().lastName("Renamed")).build());

        assertThat(patched.getLastName()).isEqualTo("Renamed");
        assertThat(patched.getExternalClients()).extracting(Relation::getId).containsExactly(external.getId());
        assertThat(patched.getFirstName()).isEqualTo("Anna");
        assertThat(patched.getEmail()).isEqualTo(created.getEmail());
        assertThat(patched.getDetailAccess()).isEqualTo(created.getDetailAccess());
    }

    public void invitesOneUserAndSeveral() throws ApiException {
        Organizationuser anna = create("Anna", "anna");
        Organizationuser bertil = create("Bertil", "bertil");
        Organizationuser cecilia = create("Cecilia", "cecilia");
        InvitationApi invitations = new InvitationApi(client);

        invitations.accountsOrganizationuserInvite(InvitationApi.APIAccountsOrganizationuserInviteRequest
                .newBuilder().relation(List.of(new Relation().id(anna.getId()))).build());
        invitations.accountsOrganizationuserInvite(InvitationApi.APIAccountsOrganizationuserInviteRequest
                .newBuilder().relation(List.of(new Relation().id(bertil.getId()), new Relation().id(cecilia.getId())))
                .build());

        List<Organizationuser> invited = users.accountsOrganizationuserList(APIAccountsOrganizationuserListRequest
                .newBuilder().lastName(family).hotpInviteSendoutTimeIsnull(false).build());
        assertThat(invited).hasSize(3);
    }

    public void aValidationErrorNamesTheField() throws Exception {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> users.accountsOrganizationuserCreate(
                OrganizationuserApi.APIAccountsOrganizationuserCreateRequest.newBuilder()
                        .organizationuserCreate(newUser("Anna", "anna").email("not an address")).build()));

        Map<String, List<String>> errors = client.getObjectMapper().readValue(refused.getResponseBody(),
                new TypeReference<Map<String, List<String>>>() { });
        assertThat(refused.getCode()).isEqualTo(400);
        assertThat(errors).containsOnlyKeys("email");
    }

    public void deletes() throws ApiException {
        Organizationuser created = create("Anna", "anna");

        users.accountsOrganizationuserDestroy(OrganizationuserApi.APIAccountsOrganizationuserDestroyRequest
                .newBuilder().pk(created.getId()).build());

        ApiException gone = catchThrowableOfType(ApiException.class, () -> users.accountsOrganizationuserRetrieve(
                OrganizationuserApi.APIAccountsOrganizationuserRetrieveRequest.newBuilder().pk(created.getId())
                        .build()));
        assertThat(gone.getCode()).isEqualTo(404);
    }

    private Organizationuser create(String firstName, String mailbox) throws ApiException {
        return users.accountsOrganizationuserCreate(OrganizationuserApi.APIAccountsOrganizationuserCreateRequest
                .newBuilder().organizationuserCreate(newUser(firstName, mailbox)).build());
    }

    private OrganizationuserCreate newUser(String firstName, String mailbox) {
        return new OrganizationuserCreate().firstName(firstName).lastName(family)
                .email(mailbox + "." + family.toLowerCase() + "@example.se")
                .detailAccess(OrganizationuserDetailAccess.NUMBER_1);
    }
}
