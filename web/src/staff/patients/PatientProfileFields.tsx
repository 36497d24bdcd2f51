import type { ReactNode } from 'react';
import { messageLanguageOptions } from '../../api/patients';
import { CheckboxField, SelectField, TextField } from '../../ui/Field';

/**
 * The profile's own fields (name, contact, address, reminders): the desk's Details tab and the patient's My details
 * show the same inputs. `audience` says who types: the desk fills in someone else's record, so no browser autofill
 * and two columns; a patient gets their own details offered (`autofill`), a parent filling in a child's does not.
 */
export function PatientProfileFields({ audience, autofill = false }: { audience: 'staff' | 'patient'; autofill?: boolean }) {
  const staff = audience === 'staff';
  const auto = (token: string) => (autofill ? token : 'off');
  return (
    <>
      <fieldset>
        <legend>Name</legend>
        <Columns two={staff}>
          <TextField name="firstName" label="First name" autoComplete={auto('given-name')} required />
          <TextField name="lastName" label="Last name" autoComplete={auto('family-name')} required />
          <TextField
            name="preferredName"
            label="Preferred name"
            hint={staff ? 'What the patient likes to be called.' : 'What you would like us to call you.'}
            autoComplete={auto('nickname')}
          />
          <TextField name="pronouns" label="Pronouns" hint="For example she/her, he/him, they/them." autoComplete="off" />
          <TextField name="dateOfBirth" label="Date of birth" type="date" autoComplete={staff ? undefined : auto('bday')} />
        </Columns>
      </fieldset>

      <fieldset>
        <legend>Contact</legend>
        <Columns two={staff}>
          <TextField name="phone" label="Phone" type="tel" autoComplete={auto('tel')} hint="Without a country code, it is read as a local number." />
          <TextField name="alternatePhone" label="Alternate phone" type="tel" autoComplete="off" />
          <TextField name="email" label="Email" type="email" autoComplete={auto('email')} />
        </Columns>
      </fieldset>

      <fieldset>
        <legend>Address</legend>
        <p className="field__hint">Optional. When given, line 1, the city and the country are needed.</p>
        <Columns two={staff}>
          <TextField name="address.line1" label="Address line 1" autoComplete={auto('address-line1')} />
          <TextField name="address.line2" label="Address line 2" autoComplete={auto('address-line2')} />
          <TextField name="address.city" label="City" autoComplete={auto('address-level2')} />
          <TextField name="address.region" label="State or region" autoComplete={auto('address-level1')} />
          <TextField name="address.postalCode" label="Postal code" autoComplete={auto('postal-code')} />
          <TextField name="address.country" label="Country" hint="Two letters, like US or GB." autoComplete={auto('country')} maxLength={2} />
        </Columns>
      </fieldset>

      <fieldset className="checkbox-group">
        <legend>{staff ? 'Communication preferences' : 'How we keep in touch'}</legend>
        <CheckboxField name="communicationPreferences.emailReminders" label="Appointment reminders by email" />
        <CheckboxField name="communicationPreferences.smsReminders" label="Appointment reminders by text message" />
        <CheckboxField name="communicationPreferences.marketingEmails" label="News and offers by email" />
        <SelectField
          name="communicationPreferences.language"
          label={staff ? 'Language for messages' : 'Language for our messages'}
          hint={staff ? 'Used when the clinic writes in it; otherwise the clinic’s first language.' : 'We write in it when we can.'}
          placeholder="The clinic’s language"
          options={messageLanguageOptions}
        />
      </fieldset>

      <fieldset className="checkbox-group">
        <legend>Privacy</legend>
        <CheckboxField name="privacyPreferences.voicemailOk" label="The clinic may leave a voicemail" />
        <CheckboxField name="privacyPreferences.discussWithFamily" label="The clinic may discuss the record with family members" />
        <CheckboxField name="privacyPreferences.firstNameOnlyInPublic" label="Call out the first name only in the waiting room" />
      </fieldset>
    </>
  );
}

/** The desk's form sets its fields in two columns; the patient's (often on a phone) in one. */
function Columns({ two, children }: { two: boolean; children: ReactNode }) {
  return two ? <div className="grid-2">{children}</div> : <>{children}</>;
}
