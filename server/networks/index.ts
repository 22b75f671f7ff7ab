// Networks: what other domains may use.
export { NetworkModel, type Network } from './network.model.js';
