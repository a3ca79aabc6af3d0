(import 'nexconn-overview.libsonnet')
