// Key Vault for the app's secrets (Stripe secret key, Stripe webhook signing secret, the Communication
// Services connection string, the rolesSource shared secret). RBAC mode: the Function App identity gets Key Vault Secrets User and reads
// them through Key Vault references in its app settings.
param location string
param tags object
param name string
@description('Principal id of the Function App managed identity (gets Key Vault Secrets User).')
param principalId string
@description('Optional: a user or group given Key Vault Secrets Officer, to set or rotate secrets. Empty: none.')
param developerPrincipalId string = ''
@secure()
@description('Stripe secret API key. Empty: the secret is not written here; set it later (see infra/README.md).')
param stripeSecretKey string = ''
@secure()
@description('Stripe webhook signing secret (whsec_...). Empty: set it later.')
param stripeWebhookSecret string = ''
@secure()
@description('Shared secret of the rolesSource function (the Function App reads it as RolesSource__Secret).')
param rolesSourceSecret string
@secure()
@description('The key Event Grid subscriptions put in the webhook URL (?key=…); the app compares it in constant time.')
param eventGridKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // Purge protection is left off so that `azd down --purge` can remove a test environment; turn it on
    // for production (it cannot be turned off again).
    publicNetworkAccess: 'Enabled'
  }
}

resource stripeSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(stripeSecretKey)) {
  parent: vault
  name: 'stripe-secret-key'
  properties: { value: stripeSecretKey, contentType: 'text/plain' }
}

resource stripeWebhook 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(stripeWebhookSecret)) {
  parent: vault
  name: 'stripe-webhook-secret'
  properties: { value: stripeWebhookSecret, contentType: 'text/plain' }
}

resource eventGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'event-grid-key'
  properties: { value: eventGridKey, contentType: 'text/plain' }
}

resource rolesSource 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'roles-source-secret'
  properties: { value: rolesSourceSecret, contentType: 'text/plain' }
}

var secretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficerRole = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, secretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRole)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource developerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(vault.id, developerPrincipalId, secretsOfficerRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRole)
    principalId: developerPrincipalId
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
