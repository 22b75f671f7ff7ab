// submitForm: an AppError with details becomes the form shown again with its errors; anything else is rethrown.
import { expect } from 'chai';
import type { Request } from 'express';
import type { TFunction } from 'i18next';
import { AppError, badRequest, fieldError, forbidden, notFound } from '../../server/shared/errors/app-error.ts';
import { fieldAria, NO_ERRORS, submitForm, type FormErrors } from '../../server/shared/http/forms.ts';

/** A translator that shows which key and field it was asked for. */
const t = ((key: string, options?: { field?: string }) => `[${key}|${options?.field ?? ''}]`) as unknown as TFunction;

const request = (headersSent = false) => ({ t, res: { headersSent } }) as unknown as Request;

/** Runs submitForm and records what the form was shown with, if it was. */
async function run(submit: () => Promise<void>, req = request()) {
  const shown: { status: number; errors: FormErrors }[] = [];
  await submitForm(req, submit, (status, errors) => {
    shown.push({ status, errors });
  });
  return shown;
}

const failing = (error: Error) => () => Promise.reject(error);

describe('submitForm', () => {
  it('when the submit succeeds, then the form is not shown again', async () => {
    let submitted = false;

    const shown = await run(() => {
      submitted = true;
      return Promise.resolve();
    });

    expect(submitted).to.equal(true);
    expect(shown).to.deep.equal([]);
  });

  it('when the submit throws an AppError with details, then the form is shown with its status and a translated message per field, the first per field', async () => {
    const error = badRequest([
      { field: 'email', key: 'auth:validation.email' },
      { field: 'password', key: 'validation.passwordRequired' },
      { field: 'email', key: 'auth:validation.emailTaken' },
    ]);

    const [shown] = await run(failing(error));

    expect(shown!.status).to.equal(400);
    expect({ ...shown!.errors.fields }).to.deep.equal({
      email: '[auth:validation.email|email]',
      password: '[errors:validation.passwordRequired|password]',
    });
    expect(shown!.errors.form).to.deep.equal([]);
  });

  it('when a service throws a 409 for one field, then the form is shown with 409 and that field’s message', async () => {
    const [shown] = await run(failing(fieldError('email', 'auth:validation.emailTaken', 409)));

    expect(shown!.status).to.equal(409);
    expect({ ...shown!.errors.fields }).to.deep.equal({ email: '[auth:validation.emailTaken|email]' });
  });

  it('when the error is about the form as a whole (field _), then its message is a form-level one and no field is marked', async () => {
    const [shown] = await run(failing(fieldError('_', 'auth:login.failed', 401)));

    expect(shown!.status).to.equal(401);
    expect(shown!.errors.form).to.deep.equal(['[auth:login.failed|_]']);
    expect(Object.keys(shown!.errors.fields)).to.deep.equal([]);
  });

  it('when a field is named __proto__, then it is a field like any other and nothing else changes', async () => {
    const [shown] = await run(failing(badRequest([{ field: '__proto__', key: 'validation.invalid' }])));

    expect(Object.keys(shown!.errors.fields)).to.deep.equal(['__proto__']);
    expect(shown!.errors.fields['__proto__']).to.equal('[errors:validation.invalid|__proto__]');
  });

  for (const [what, error] of [
    ['a refusal (403)', forbidden()],
    ['a missing record (404)', notFound()],
    ['a conflict without details', new AppError(409, 'conflict', 'conflict')],
    ['an error that is not an AppError', new Error('database gone')],
  ] as const) {
    it(`when the submit throws ${what}, then it is rethrown as it is and the form is not shown`, async () => {
      const shown: unknown[] = [];

      const thrown = await submitForm(request(), failing(error), () => {
        shown.push(1);
      }).catch((e: unknown) => e);

      expect(thrown).to.equal(error);
      expect(shown).to.deep.equal([]);
    });
  }

  it('when the answer was already begun, then even an AppError with details is rethrown rather than answered twice', async () => {
    const error = fieldError('slug', 'networks:validation.slugTaken');

    const thrown = await run(failing(error), request(true)).catch((e: unknown) => e);

    expect(thrown).to.equal(error);
  });
});

describe('fieldError', () => {
  it('when a rule is broken by what was typed, then it is a 400 bad_request with one detail for that field', () => {
    const error = fieldError('slug', 'networks:validation.slugTaken');

    expect(error).to.be.instanceOf(AppError);
    expect(error).to.include({ status: 400, code: 'bad_request', key: 'badRequest' });
    expect(error.details).to.deep.equal([{ field: 'slug', key: 'networks:validation.slugTaken' }]);
  });

  it('when it clashes with what is stored, then it is a 409 conflict whose own message is the detail’s', () => {
    const error = fieldError('_', 'me:delete.lastInstanceAdmin', 409);

    expect(error).to.include({ status: 409, code: 'conflict', key: 'me:delete.lastInstanceAdmin' });
    expect(error.details).to.deep.equal([{ field: '_', key: 'me:delete.lastInstanceAdmin' }]);
  });
});

describe('fieldAria', () => {
  const errors: FormErrors = { fields: { email: 'Not an address' }, form: [] };

  it('when a field is in error, then it is invalid and described by its hint and its message', () => {
    expect(fieldAria(errors, 'email', 'email-hint')).to.equal(
      ' aria-describedby="email-hint email-error" aria-invalid="true"',
    );
    expect(fieldAria(errors, 'email')).to.equal(' aria-describedby="email-error" aria-invalid="true"');
  });

  it('when a field is not in error, then only its hint describes it', () => {
    expect(fieldAria(errors, 'name', 'name-hint')).to.equal(' aria-describedby="name-hint"');
    expect(fieldAria(NO_ERRORS, 'name')).to.equal('');
  });
});
