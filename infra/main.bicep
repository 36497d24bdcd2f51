// MedSpa on Azure: everything the design names, in one resource group per azd environment.
//   Function App (Flex Consumption, .NET isolated) + its Storage account (host, Durable task hub, files)
//   Cosmos DB serverless (SQL API)  ·  Communication Services + Email  ·  Key Vault  ·  App Insights + Log Analytics
//   Static Web App (the SPA) with the Function App as linked backend  ·  one user-assigned managed identity
// The sign-in tenant (Microsoft Entra External ID, or an existing Azure AD B2C tenant) is not created here: it cannot be
// made from Bicep, so its values come in as parameters (see README.md).
// Deploy with `azd up` from infra/ (see README.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names the resource group and seeds resource names.')
param environmentName string

@minLength(1)
@description('Region for everything except the Static Web App (global resources ignore it).')
param location string

@description('Region of the Static Web App; it is offered in only a few regions.')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

@description('Optional: object id of the deploying user (azd sets AZURE_PRINCIPAL_ID) to get data access to Storage, Cosmos DB and Key Vault for debugging.')
param principalId string = ''

@description('Geography where Communication Services keeps data at rest.')
param communicationDataLocation string = 'Europe'

// ---- Sign-in: Microsoft Entra External ID (default) or an existing Azure AD B2C tenant (created by hand; see README.md) ----
@description('entra: Microsoft Entra External ID (new tenants). b2c: Azure AD B2C, for tenants that already exist.')
@allowed(['entra', 'b2c'])
param identityMode string = 'entra'
@description('Entra External ID: the tenant\'s subdomain (x in x.ciamlogin.com). B2C: the tenant name (x in x.onmicrosoft.com).')
param identityTenantName string
@description('Tenant id (GUID): the issuer of the tokens names it.')
param identityTenantId string
@description('B2C only: the sign-up/sign-in user flow (policy).')
param b2cPolicy string = 'B2C_1_signupsignin'
@description('Application (client) id of the SPA registration.')
param spaClientId string
@description('Application (client) id of the API registration: the `aud` of the access tokens.')
param apiClientId string
@description('Application ID URI of the API registration (e.g. api://<apiClientId>); the SPA asks for <uri>/api.')
param apiAppIdUri string

// ---- Stripe (optional at first deploy; Key Vault secrets are only written when given) ----
@secure()
param stripeSecretKey string = ''
@secure()
param stripeWebhookSecret string = ''
@description('Stripe publishable key (pk_live_… or pk_test_…), given with the two secrets above.')
param stripePublishableKey string = ''

// ---- Static Web Apps rolesSource ----
@secure()
@minLength(32)
@description('Shared secret the rolesSource function (POST /api/auth/roles) requires in its x-medspa-roles-source-key header; kept in Key Vault (roles-source-secret) and given to the Function App as RolesSource__Secret. E.g. `openssl rand -hex 32`.')
param rolesSourceSecret string

// ---- Messages to patients ----
@description('A phone number bought for the Communication Services resource (Azure portal → Phone numbers), in E.164 such as +12125550100: texts to patients come from it.')
param acsSmsFrom string
@secure()
@minLength(32)
@description('The key in the Event Grid subscription URL for ACS events (…/api/webhooks/eventgrid?key=…); kept in Key Vault (event-grid-key). E.g. `openssl rand -hex 32`.')
param eventGridKey string
@description('Azure SignalR Service tier for the live calendar: Free_F1 (20 connections) or Standard_S1.')
param signalrSku string = 'Standard_S1'

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
var abbr = 'medspa'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'id-${abbr}-${token}'
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${abbr}-${token}'
    appInsightsName: 'appi-${abbr}-${token}'
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: take('st${abbr}${token}', 24) // 3-24 lower-case letters and digits
    principalId: identity.outputs.principalId
    developerPrincipalId: principalId
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    location: location
    tags: tags
    accountName: 'cosmos-${abbr}-${token}'
    databaseName: 'medspa'
    principalId: identity.outputs.principalId
    developerPrincipalId: principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    name: take('kv-${abbr}-${token}', 24) // 3-24 characters
    principalId: identity.outputs.principalId
    developerPrincipalId: principalId
    stripeSecretKey: stripeSecretKey
    stripeWebhookSecret: stripeWebhookSecret
    rolesSourceSecret: rolesSourceSecret
    eventGridKey: eventGridKey
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    tags: tags
    communicationName: 'acs-${abbr}-${token}'
    emailServiceName: 'acs-email-${abbr}-${token}'
    dataLocation: communicationDataLocation
    keyVaultName: keyVault.outputs.name
  }
}

module staticWebApp 'modules/staticwebapp.bicep' = {
  name: 'staticwebapp'
  scope: rg
  params: {
    location: staticWebAppLocation
    tags: tags
    name: 'swa-${abbr}-${token}'
  }
}

module signalr 'modules/signalr.bicep' = {
  name: 'signalr'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'sigr-${abbr}-${token}'
    skuName: signalrSku
    allowedOrigins: [staticWebApp.outputs.uri]
    keyVaultName: keyVault.outputs.name
  }
}

// Entra External ID: authority on the tenant's subdomain, issuer on its id (Microsoft.Identity.Web checks it with the
// token's tid). B2C: the user flow's authority; its `iss` names the tenant by id, so it is given explicitly.
var identityAuthority = identityMode == 'entra'
  ? 'https://${identityTenantName}.ciamlogin.com/${identityTenantId}/v2.0'
  : 'https://${identityTenantName}.b2clogin.com/${identityTenantName}.onmicrosoft.com/${b2cPolicy}/v2.0'
var identityIssuer = identityMode == 'entra'
  ? 'https://${identityTenantId}.ciamlogin.com/${identityTenantId}/v2.0'
  : 'https://${identityTenantName}.b2clogin.com/${identityTenantId}/v2.0/'

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    location: location
    tags: tags
    planName: 'plan-${abbr}-${token}'
    appName: 'func-${abbr}-${token}'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    filesContainerName: storage.outputs.filesContainerName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    keyVaultUri: keyVault.outputs.uri
    publicWebUrl: staticWebApp.outputs.uri
    acsEmailFrom: communication.outputs.senderAddress
    acsSmsFrom: acsSmsFrom
    stripePublishableKey: stripePublishableKey
    identitySettings: {
      Identity__Mode: identityMode
      // Metadata is read from <Authority>/.well-known/openid-configuration.
      Identity__Authority: identityAuthority
      Identity__Issuer: identityIssuer
      Identity__Audience: apiClientId
      Identity__ClientId: spaClientId
      Identity__Scopes: 'openid profile email offline_access ${apiAppIdUri}/api'
    }
  }
}

module staticWebAppBackend 'modules/staticwebappbackend.bicep' = {
  name: 'staticwebappbackend'
  scope: rg
  params: {
    staticWebAppName: staticWebApp.outputs.name
    functionAppId: functionApp.outputs.id
    functionAppLocation: location
  }
}

// azd reads these into the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STATIC_WEB_APP_NAME string = staticWebApp.outputs.name
output WEB_URI string = staticWebApp.outputs.uri
output API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
output SPA_REDIRECT_URI string = '${staticWebApp.outputs.uri}/auth/callback'
