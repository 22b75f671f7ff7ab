// What a network page shows of its agreements with other networks. The access domain answers it (it builds on
// networks); app.ts hands its answer to the network routes in the RouteContext.
export interface NetworkAgreementRef {
  /** The agreement's page. */
  href: string;
  partner: string;
  status: string;
  /** One line per direction, in the reader's language ("Smart Belgium → Village halls in Drenthe: free, 4 a month"). */
  terms: string[];
}

export interface NetworkAgreements {
  /** The network's agreements in force or suspended. */
  liveOf(networkId: string, lang: string): Promise<NetworkAgreementRef[]>;
}

export const NO_NETWORK_AGREEMENTS: NetworkAgreements = { liveOf: () => Promise.resolve([]) };
