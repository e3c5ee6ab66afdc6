/** Travel-time matrices for ranking: the offline estimate now; OSRM and Google Routes plug in here. */
package io.dispatchgateway.adapters.maps;
