/** The post-confirmation trigger against a mocked Cognito: who lands in `tourist`, and what Cognito gets back. */
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
  InternalErrorException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from './post-confirmation';

const cognito = mockClient(CognitoIdentityProviderClient);

beforeEach(() => {
  cognito.reset();
  cognito.on(AdminAddUserToGroupCommand).resolves({});
});

/** As Cognito sends it for a pool whose users sign in by email: the user name is the generated sub. */
const confirmation = (
  triggerSource: PostConfirmationTriggerEvent['triggerSource'],
): PostConfirmationTriggerEvent => ({
  version: '1',
  region: 'eu-central-1',
  userPoolId: 'eu-central-1_Ab12Cd34E',
  userName: '7c1e6a52-8f0b-4f39-9a57-3f3c2d9b1e40',
  callerContext: {
    awsSdkVersion: 'aws-sdk-unknown-unknown',
    clientId: '3n4b5urk1ft4fl3mg5e62d9ado',
  },
  triggerSource,
  request: {
    userAttributes: {
      sub: '7c1e6a52-8f0b-4f39-9a57-3f3c2d9b1e40',
      email: 'aigerim@example.kz',
      email_verified: 'true',
      'cognito:user_status': 'CONFIRMED',
      'cognito:email_alias': 'aigerim@example.kz',
    },
  },
  response: {},
});

describe('post-confirmation trigger', () => {
  it('puts a user who confirmed their own sign-up in the tourist group of their pool', async () => {
    const event = confirmation('PostConfirmation_ConfirmSignUp');

    await handler(event);

    const calls = cognito.commandCalls(AdminAddUserToGroupCommand);
    expect(calls.map((call) => call.args[0].input)).toEqual([
      {
        UserPoolId: 'eu-central-1_Ab12Cd34E',
        Username: '7c1e6a52-8f0b-4f39-9a57-3f3c2d9b1e40',
        GroupName: 'tourist',
      },
    ]);
  });

  it('returns the event unchanged, as Cognito expects of a trigger', async () => {
    const event = confirmation('PostConfirmation_ConfirmSignUp');
    const before = structuredClone(event);

    const returned = await handler(event);

    expect(returned).toEqual(before);
  });

  it('changes no groups when a user confirms a forgotten-password reset', async () => {
    const event = confirmation('PostConfirmation_ConfirmForgotPassword');

    const returned = await handler(event);

    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect(returned).toEqual(event);
  });

  it('fails when Cognito refuses, so the failure is logged and Cognito reports it rather than a tourist without a role', async () => {
    cognito
      .on(AdminAddUserToGroupCommand)
      .rejects(new InternalErrorException({ message: 'try again', $metadata: {} }));

    const act = handler(confirmation('PostConfirmation_ConfirmSignUp'));

    await expect(act).rejects.toThrow('try again');
  });
});
