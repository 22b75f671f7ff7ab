// Whom an invitation is for, as each principal sees it, and how its address is shown to anyone but its owner.
import { expect } from 'chai';
import { invitationAddressee } from '../../server/networks/membership.policy.ts';
import { maskEmail } from '../../server/networks/network.display.ts';
import { ANONYMOUS, type Principal } from '../../server/shared/principal.ts';

const person = (email: string): Principal => ({
  kind: 'user',
  userId: '64b7f0c2a1b2c3d4e5f60718',
  name: 'Nora',
  email,
  instanceAdmin: false,
  analyst: false,
  memberships: [],
  via: 'session',
});

describe('the invitation’s addressee', () => {
  it('when a link has no address, then it is open to anyone, signed in or not', () => {
    expect(invitationAddressee(ANONYMOUS, {})).to.equal('open');
    expect(invitationAddressee(person('mila@example.org'), { email: null })).to.equal('open');
  });

  it('when a link has an address, then only the account with it (in any case or spacing) is its addressee', () => {
    const invitation = { email: ' Nora@Example.org' };

    expect(invitationAddressee(ANONYMOUS, invitation)).to.equal('signedOut');
    expect(invitationAddressee(person('nora@example.org'), invitation)).to.equal('addressee');
    expect(invitationAddressee(person('mila@example.org'), invitation)).to.equal('otherAccount');
    expect(invitationAddressee({ ...person('x'), email: undefined }, invitation)).to.equal('otherAccount');
  });

  it('when an address is masked, then its first character and domain are kept, and not its length', () => {
    expect(maskEmail('anna@example.org')).to.equal('a•••@example.org');
    expect(maskEmail('a@example.org')).to.equal('a•••@example.org');
    expect(maskEmail('émile.dupont@example.fr')).to.equal('é•••@example.fr');
  });
});
