// TRUST_PROXY: off unless said, and only values Express's `trust proxy` takes in the sense we mean.
import { expect } from 'chai';
import express from 'express';
import { loadConfig } from '../../server/config/index.ts';

const trustProxy = (value?: string) =>
  loadConfig({ NODE_ENV: 'test', ...(value === undefined ? {} : { TRUST_PROXY: value }) }).TRUST_PROXY;

describe('TRUST_PROXY setting (unit)', () => {
  it('when it is unset or blank, then no proxy is trusted', () => {
    expect(trustProxy()).to.equal(false);
    expect(trustProxy(' ')).to.equal(false);
  });

  it('when it says true, false or a hop count, then that is what Express is given', () => {
    expect(trustProxy('true')).to.equal(true);
    expect(trustProxy('FALSE')).to.equal(false);
    expect(trustProxy('2')).to.equal(2);
  });

  it('when it lists addresses, subnets and named ranges, then each is kept', () => {
    expect(trustProxy('loopback, 10.0.0.0/8,192.168.1.10, fd00::/8, 172.16.0.0/255.240.0.0')).to.deep.equal([
      'loopback',
      '10.0.0.0/8',
      '192.168.1.10',
      'fd00::/8',
      '172.16.0.0/255.240.0.0',
    ]);
  });

  for (const bad of ['yes', '10.0.0.0/33', '::1/129', 'example.org', '10.0.0.1,', '1.2.3', '-1', 'loopback/8']) {
    it(`when it is "${bad}", then the configuration is refused naming TRUST_PROXY`, () => {
      expect(() => trustProxy(bad)).to.throw(/TRUST_PROXY/);
    });
  }

  it('when a list is given to Express, then it decides whose forwarded address counts', () => {
    const app = express();
    app.set('trust proxy', trustProxy('loopback'));
    const trust = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
    expect(trust('127.0.0.1', 0)).to.equal(true);
    expect(trust('203.0.113.7', 0)).to.equal(false);
  });
});
