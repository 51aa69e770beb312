"""Service ClusterIP allocation from the service CIDR, with kube-apiserver's messages.

Not thread-safe on its own: the store calls it under its lock.
"""

import ipaddress

from . import fielderrors

SERVICE_CIDR = ipaddress.ip_network("10.96.0.0/12")


class Allocator:
    def __init__(self, cidr=SERVICE_CIDR):
        self.cidr = cidr
        self.taken = set()
        self._next = 1

    def _range_error(self, ip, requested):
        return fielderrors.invalid(
            "spec.clusterIPs", requested,
            f"failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. "
            f"The range of valid IPs is {self.cidr}")

    def check(self, ip, requested):
        """A FieldError when ip cannot be allocated, else None."""
        address = ipaddress.ip_address(ip)
        if address not in self.cidr or address in (self.cidr.network_address,
                                                   self.cidr.broadcast_address):
            return self._range_error(ip, requested)
        if str(address) in self.taken:
            return fielderrors.invalid("spec.clusterIPs", requested,
                                       f"failed to allocate IP {ip}: provided IP is already "
                                       f"allocated")
        return None

    def next_free(self):
        """The next free address; does not reserve it."""
        size = self.cidr.num_addresses - 2
        for offset in range(size):
            candidate = str(self.cidr.network_address + 1 + (self._next - 1 + offset) % size)
            if candidate not in self.taken:
                return candidate
        return None

    def reserve(self, ip):
        self.taken.add(ip)
        self._next += 1

    def release(self, ip):
        self.taken.discard(ip)
