// Unit tier (npm run test:unit): starts no database and loads no translations; a unit test that connects fails the run.
import mongoose from 'mongoose';

export const mochaHooks = {
  afterAll() {
    // Unit tests do no I/O: a mongoose model used without a connection only validates, it never reaches a server.
    const opened = mongoose.connections.filter((c) => c.readyState !== mongoose.ConnectionStates.disconnected);
    if (opened.length > 0) {
      throw new Error('a unit test opened a database connection: move it to test/integration, which has a database');
    }
  },
};
