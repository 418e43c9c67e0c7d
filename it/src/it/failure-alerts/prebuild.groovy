import com.sun.net.httpserver.HttpServer

dev.dbmigrations.it.ItDatabase.prepare(basedir)
// a real HTTP server for the webhooks, alive in this JVM while the build runs; verify.groovy stops it
def received = new File(basedir, 'received')
received.mkdirs()
def server = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
def count = new java.util.concurrent.atomic.AtomicInteger()
server.createContext('/') { exchange ->
    def body = exchange.requestBody.bytes
    new File(received, "${count.incrementAndGet()}${exchange.requestURI.path.replace('/', '_')}.json").bytes = body
    exchange.sendResponseHeaders(204, -1)
    exchange.close()
}
server.start()
System.properties.put('it.failure-alerts.server', server)
def port = server.address.port
new File(basedir, 'migrations/environments.json').text = """{
  "development": {
    "alerts": [
      {"url": "http://127.0.0.1:${port}/hooks/generic-secret-path"},
      {"url": "http://127.0.0.1:${port}/services/T000/B000/slack-secret", "format": "slack", "on": ["failure"]}
    ]
  }
}
"""
return true
