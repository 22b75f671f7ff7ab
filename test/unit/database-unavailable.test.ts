// Which errors mean "the database cannot be reached" (a 503 with Retry-After) rather than a refusal or a bug.
import { expect } from 'chai';
import mongoose from 'mongoose';
import { isDatabaseUnavailable } from '../../server/shared/db/unavailable.ts';

const { MongoNetworkError, MongoNetworkTimeoutError, MongoServerError, MongoTopologyClosedError } = mongoose.mongo;

describe('database unavailable (unit)', () => {
  it('when the driver lost the server (network, timeout, closed topology, shutdown), then it is an outage', () => {
    expect(isDatabaseUnavailable(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).to.equal(true);
    expect(isDatabaseUnavailable(new MongoNetworkTimeoutError('timed out'))).to.equal(true);
    expect(isDatabaseUnavailable(new MongoTopologyClosedError())).to.equal(true);
    expect(isDatabaseUnavailable(new MongoServerError({ message: 'interrupted at shutdown', code: 11600 }))).to.equal(
      true,
    );
  });

  it('when a pooled connection the server closed is written to, then the raw socket error is an outage too', () => {
    const epipe = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    expect(isDatabaseUnavailable(epipe)).to.equal(true);
  });

  it('when a service wrapped the driver error, then its cause still tells', () => {
    expect(isDatabaseUnavailable(new Error('saving failed', { cause: new MongoNetworkError('reset') }))).to.equal(true);
  });

  it('when the server refused the request or the code failed, then it is not an outage', () => {
    expect(isDatabaseUnavailable(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).to.equal(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).to.equal(false);
    expect(isDatabaseUnavailable(undefined)).to.equal(false);
  });
});
