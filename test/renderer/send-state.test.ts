import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/renderer/src/api/api-error.ts';
import { sendState } from '../../src/renderer/src/features/sending/send-state.ts';

const idle = { isPending: false, error: null, data: undefined };
const failed = (code: string, message: string) => ({ ...idle, error: new ApiError({ code, message } as never) });

describe('the response panel state of a send (composer and quick log alike)', () => {
  it('an answer main could not record is "Outcome unknown", never "Not sent"', () => {
    expect(sendState(failed('outcome_unrecorded', 'HelpCrunch answered but the answer could not be written.'))).toMatchObject({ kind: 'failed', title: 'sending.outcomeUnknown', maybeLanded: true });
  });

  it('a delivered event whose answer could not be recorded says so', () => {
    expect(sendState(failed('outcome_unrecorded', 'The event was delivered. Its answer could not be written.'))).toMatchObject({ title: 'sending.deliveredUnrecorded', maybeLanded: false });
  });

  it('a failure before anything left is "Not sent"; a duplicate waiting for the user is no failure', () => {
    expect(sendState(failed('invalid_input', 'Customer is required.'))).toMatchObject({ title: 'sending.notSent', maybeLanded: false });
    expect(sendState(failed('duplicate', 'Sent before.'))).toEqual({ kind: 'idle' });
    expect(sendState({ ...idle, isPending: true })).toEqual({ kind: 'sending' });
  });
});
