// Azure SignalR Service in serverless mode for the live calendar and slot picker: the API broadcasts by REST and signs
// each browser's client token with the access key (so local auth stays on). The connection string goes to Key Vault.
param location string
param tags object
param name string
@description('Free_F1 (20 connections, for trying it out) or Standard_S1.')
param skuName string = 'Standard_S1'
@description('Where browsers connect from: the web app.')
param allowedOrigins array
param keyVaultName string

resource signalr 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: { name: skuName, capacity: 1 }
  properties: {
    features: [
      { flag: 'ServiceMode', value: 'Serverless' }
      { flag: 'EnableConnectivityLogs', value: 'False' }
    ]
    cors: { allowedOrigins: allowedOrigins }
    disableLocalAuth: false
    tls: { clientCertEnabled: false }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource connectionString 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'signalr-connection-string'
  properties: {
    value: signalr.listKeys().primaryConnectionString
    contentType: 'text/plain'
  }
}

output name string = signalr.name
