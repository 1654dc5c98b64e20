import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'email.subject': 'New internet access credentials for contract {contractNumber} – no. {sequence}',
  'email.body': 'new internet access credentials were created on {when} for your contract {contract} (contract number {contractNumber}, site {site}).',
  'email.attached': 'The new credentials are in the attached PDF file {file}. The file is encrypted.',
  'email.code': 'We are sending the code that opens the file by SMS to your mobile number {mobile}. Enter the code when your PDF program asks for a password.',
  'email.replaces': 'These credentials replace all those sent before.',
  'email.revoked': 'Your previous credentials no longer work. The internet connection at this site, including calls in progress, is down until you enter the new credentials in your router. This also applies when Easy Login is switched on.',
  'email.router': "What to do next: open your router's settings, go to the internet or access settings, enter the username and the password from the PDF file and save. The router then connects again.",
  'email.notYou': 'If you did not ask for new credentials, please contact {supportEmail} at once.',
  'email.contractLabel': 'Contract',
  'email.siteLabel': 'Site',
  'email.usernameLabel': 'Username',
  'sms': '{brand}: code for the PDF file {file} with your new internet access credentials (contract {contractNumber}, {site}): {code}',
  'ineligible.no_access_line': 'The contract {contract} ({contractNumber}) has no access line, so it has no internet access credentials. New credentials are only available for contracts with an access line.',
  'ineligible.contract_type': 'New internet access credentials cannot be created here for the contract {contract} ({contractNumber}). This works for CompanyFlex Complete, CompanyFlex MSN Complete, CompanyFlex Access Plus, Cloud PBX Hauptstandortvertrag and Cloud PBX Filialvertrag. Please contact customer service.',
  'ineligible.contract_ended': 'The contract {contract} ({contractNumber}) has ended. Ended contracts get no new internet access credentials.',
  'ineligible.no_credentials': 'The contract {contract} ({contractNumber}) has no internet access credentials set up yet that could be replaced. The access line is still being set up. Please try again later or contact customer service.',
  'unavailable.detail': 'New internet access credentials cannot be set up right now. Nothing was changed: your current credentials keep working. Please try again later or contact customer service.',
  'budget.detail': 'Many messages with credentials were already sent to this e-mail address or mobile number in the last hour. You can create new credentials again from {when}. Nothing was changed: your current credentials keep working.',
  'limit.detail': 'New internet access credentials were already created {max} times for this contract in the last 24 hours. You can create new ones again from {when}. Until then, the credentials sent last are valid.',
} satisfies Translation<typeof de>;
