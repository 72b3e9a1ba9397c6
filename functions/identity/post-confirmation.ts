/**
 * Cognito post-confirmation trigger: a tourist who registered and confirmed
 * their address is put in the `tourist` group, so their next token carries the
 * role. Staff accounts are created and grouped by an operator and never pass here
 * as a sign-up; a confirmed password reset changes nobody's groups.
 */

import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '@shifa/contracts';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';

export const SELF_SIGN_UP_GROUP = 'tourist' satisfies Role;

const cognito = new CognitoIdentityProviderClient({});

// Adding a user to a group they are already in succeeds, so Cognito's retries of this trigger are harmless.
export const handler = async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: SELF_SIGN_UP_GROUP,
    }),
  );
  return event;
};
