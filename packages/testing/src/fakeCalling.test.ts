import { describe, expect, it } from 'vitest';
import { createFakeCalling } from './fakeCalling';

const connected = async () => {
  const calling = createFakeCalling();
  await calling.connect({ getToken: async () => ({ token: 't', expiresOn: new Date(Date.now() + 60_000) }) });
  return calling;
};

describe('createFakeCalling', () => {
  it('forgetEndedCalls drops ended calls and reports listeners they still had', async () => {
    const calling = await connected();
    const ended = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' });
    const live = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550102' });
    const leaked = ended.subscribe(() => undefined);
    calling.lastCall().answer();
    calling.remoteCalls[0]!.busy();
    const ringing = calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: '+14255550103' });
    calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: '+14255550104' }).callerHangsUp();

    expect(calling.forgetEndedCalls()).toBe(1);
    expect(calling.remoteCalls.map((call) => call.id)).toEqual([live.id]);
    expect(calling.incomingCalls).toEqual([ringing]);
    leaked();
    expect(calling.forgetEndedCalls()).toBe(0);
  });

  it('deferNext holds a method until the test settles it', async () => {
    const calling = await connected();
    const held = calling.deferNext('startCall');
    let placed = false;
    const call = calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' }).then(() => {
      placed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(placed).toBe(false);
    held.resolve();
    await call;
    expect(placed).toBe(true);
  });
});
