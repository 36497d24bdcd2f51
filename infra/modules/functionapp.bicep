// The API: an Azure Functions app on the Flex Consumption plan (Linux, .NET isolated worker), running as
// the user-assigned identity for everything it touches (host storage, Durable task hub, deployment
// package, Cosmos DB, Blob files, Key Vault references). No keys or connection strings in app settings.
param location string
param tags object
param planName string
param appName string
param identityId string
param identityClientId string
param storageAccountName string
param filesContainerName string
param deploymentContainerUrl string
param appInsightsConnectionString string
param cosmosEndpoint string
param cosmosDatabaseName string
param keyVaultUri string
@description('The web app\'s address (https://…): links in messages to patients point there.')
param publicWebUrl string
@description('The Communication Services sender address for email (DoNotReply@….azurecomm.net).')
param acsEmailFrom string
@description('A phone number of the Communication Services resource that sends texts, in E.164.')
param acsSmsFrom string
@description('Identity__* settings for Azure AD B2C (see main.bicep).')
param identitySettings object
@description('Stripe publishable key (pk_…). Empty: no Stripe settings yet (the app then refuses to start in Azure; see infra/README.md).')
param stripePublishableKey string = ''
@description('Origins allowed to call the API from a browser besides the Static Web App (which proxies /api).')
param corsAllowedOrigins array = []
@description('.NET version of the isolated worker.')
param dotnetVersion string = '10.0'
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true } // Linux
}

// Key Vault references, resolved by the app's identity (keyVaultReferenceIdentity below). keyVaultUri ends with '/'.
var rolesSourceSecretRef = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/roles-source-secret/)'

// Exactly the settings MedSpa reads in Azure, besides the Functions host's own (configuration keys, with `__` for `:`).
// tests/MedSpa.Infrastructure.Tests (Infra/AppSettingsTests) checks this list against the code both ways: every setting
// the app needs in Azure is here, and nothing here is a MedSpa setting the code does not read. Practitioners' Google and
// Microsoft 365 calendars (Calendars__*) are a clinic's choice, set when it connects them (see infra/README.md).
// Card payments: the secret key and the webhook signing secret from Key Vault (written there when given at provision).
var stripeSettings = empty(stripePublishableKey) ? {} : {
  Stripe__PublishableKey: stripePublishableKey
  Stripe__SecretKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/stripe-secret-key/)'
  Stripe__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/stripe-webhook-secret/)'
}

var appSettings = union({
  // Functions host storage with the managed identity (no connection string): blobs, queues, tables.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  // DefaultAzureCredential / ManagedIdentityCredential pick the user-assigned identity from this.
  AZURE_CLIENT_ID: identityClientId

  // Document store: Cosmos DB with Entra ID auth (no Cosmos__Key).
  Store__Kind: 'cosmos'
  Cosmos__Endpoint: cosmosEndpoint
  Cosmos__Database: cosmosDatabaseName

  // Files (photos): the private container of the storage account, reached with the managed identity (no keys).
  Files__Kind: 'blob'
  Files__ServiceUri: 'https://${storageAccountName}.blob.${environment().suffixes.storage}'
  Files__Container: filesContainerName

  // The shared secret Static Web Apps' rolesSource call must carry (x-medspa-roles-source-key); from Key Vault.
  RolesSource__Secret: rolesSourceSecretRef

  // Texts and email through Communication Services (its connection string from Key Vault); its inbound texts and
  // delivery reports come back by Event Grid, whose subscription URL carries the key (from Key Vault).
  Acs__ConnectionString: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/acs-connection-string/)'
  Acs__EmailFrom: acsEmailFrom
  Acs__SmsFrom: acsSmsFrom
  EventGrid__Key: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/event-grid-key/)'
  // Links in messages (a form to fill, an offer to accept) open the web app.
  Messaging__PublicUrl: publicWebUrl

  // Live calendars and slot pickers: Azure SignalR Service, serverless (its connection string from Key Vault).
  Live__ConnectionString: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/signalr-connection-string/)'

  // No demo data in Azure.
  Seed__Demo: 'false'
}, identitySettings, stripeSettings)

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
  }

  // Set as a child resource so that the list is complete and authoritative on every deployment.
  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }
}

output name string = app.name
output id string = app.id
output defaultHostName string = app.properties.defaultHostName
