// What an integrator writes against the typescript-fetch client generated from /openapi.json: only generated
// code talks to the service. Compiled with tsc and run on Node by GeneratedTypeScriptClientTest, one step per
// test: `node scenario.js <step>`, with the seven X-PIGELLO headers as JSON in ACCOUNTS_HEADERS.
import {
    Configuration, ExternalclientApi, InvitationApi, Organizationuser, OrganizationuserApi,
    OrganizationuserCreate, OrganizationuserDetailAccess, ResponseError,
} from './client';

// The little of Node's API the scenario uses, declared here rather than installing @types/node.
declare const process: { env: Record<string, string | undefined>; argv: string[]; exit(code: number): never };

const configuration = new Configuration({ headers: JSON.parse(process.env.ACCOUNTS_HEADERS ?? '{}') });
const users = new OrganizationuserApi(configuration);
const family = 'Family' + Math.random().toString(36).slice(2, 10);

function check(condition: boolean, message: string, actual?: unknown): void {
    if (!condition) {
        throw new Error(message + (actual === undefined ? '' : ': ' + JSON.stringify(actual)));
    }
}

function newUser(firstName: string): OrganizationuserCreate {
    return {
        firstName, lastName: family, email: `${firstName.toLowerCase()}.${family.toLowerCase()}@example.se`,
        detailAccess: OrganizationuserDetailAccess.NUMBER_1,
    };
}

function create(firstName: string): Promise<Organizationuser> {
    return users.accountsOrganizationuserCreate({ organizationuserCreate: newUser(firstName) });
}

async function refusal(call: Promise<unknown>): Promise<Response> {
    try {
        await call;
    } catch (error) {
        if (error instanceof ResponseError) {
            return error.response;
        }
        throw error;
    }
    throw new Error('the call succeeded');
}

const steps: Record<string, () => Promise<void>> = {
    async listsWithFiltersOrderPagingAndTotalCount() {
        await create('Anna');
        await create('Bertil');
        await create('Cecilia');
        const query = { lastName: family, firstName2: 'Bertil', orderBy: '-first_name', statistics: true, pageSize: 1 };

        const first = await users.accountsOrganizationuserListRaw({ ...query, page: 1 });
        const firstPage = await first.value();
        const secondPage = await users.accountsOrganizationuserList({ ...query, page: 2 });

        check(first.raw.headers.get('X-Total-Count') === '2', 'total count', first.raw.headers.get('X-Total-Count'));
        check(firstPage.map(u => u.firstName).join() === 'Cecilia', 'first page', firstPage);
        check(secondPage.map(u => u.firstName).join() === 'Anna', 'second page', secondPage);
    },

    async readsASlimList() {
        await create('Anna');

        const slim = await users.accountsOrganizationuserList({ lastName: family, slim: true });

        check(slim.length === 1 && slim[0].fullName === `Anna ${family}`, 'slim user', slim);
        check(slim[0].createdAt === undefined, 'slim user has no created_at', slim);
    },

    async createsAndGets() {
        const created = await create('Anna');

        const read = await users.accountsOrganizationuserRetrieve({ pk: created.id! });

        check(read.email === `anna.${family.toLowerCase()}@example.se`, 'email', read);
        check(read.detailAccess === OrganizationuserDetailAccess.NUMBER_1 && read.isActive === true, 'fields', read);
    },

    async patchingOneFieldLeavesTheOthersAlone() {
        const external = await new ExternalclientApi(configuration).organizationExternalclientCreate(
            { externalclientCreate: { name: 'Fortnox' } });
        const created = await users.accountsOrganizationuserCreate(
            { organizationuserCreate: { ...newUser('Anna'), externalClients: [{ id: external.id! }] } });

        const patched = await users.accountsOrganizationuserPartialUpdate(
            { pk: created.id!, organizationuserUpdate: { lastName: 'Renamed' } });

        check(patched.lastName === 'Renamed', 'last name', patched);
        check(JSON.stringify(patched.externalClients) === JSON.stringify([{ id: external.id }]), 'external clients',
            patched);
        check(patched.firstName === 'Anna' && patched.email === created.email, 'other fields', patched);
    },

    async invitesOneUserAndSeveral() {
        const anna = await create('Anna');
        const bertil = await create('Bertil');
        const cecilia = await create('Cecilia');
        const invitations = new InvitationApi(configuration);

        await invitations.accountsOrganizationuserInvite({ relation: [{ id: anna.id! }] });
        await invitations.accountsOrganizationuserInvite({ relation: [{ id: bertil.id! }, { id: cecilia.id! }] });

        const invited = await users.accountsOrganizationuserList(
            { lastName: family, hotpInviteSendoutTimeIsnull: false });
        check(invited.length === 3, 'invited users', invited);
    },

    async aValidationErrorNamesTheField() {
        const response = await refusal(users.accountsOrganizationuserCreate(
            { organizationuserCreate: { ...newUser('Anna'), email: 'not an address' } }));

        const errors: Record<string, string[]> = await response.json();
        check(response.status === 400, 'status', response.status);
        check(Object.keys(errors).join() === 'email' && errors.email.length === 1, 'field errors', errors);
    },

    async deletes() {
        const created = await create('Anna');

        await users.accountsOrganizationuserDestroy({ pk: created.id! });

        const response = await refusal(users.accountsOrganizationuserRetrieve({ pk: created.id! }));
        check(response.status === 404, 'status after delete', response.status);
    },
};

const step = steps[process.argv[2]];
if (step === undefined) {
    throw new Error('unknown step ' + process.argv[2]);
}
step().catch(error => {
    console.error(error);
    process.exit(1);
});
