// Reading the unit's estimate of the selected year, and the catalog, through react-query.
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useMe, useSession } from '../../app/session';

export const estimateKey = (id: string) => ['estimate', id] as const;

/** The signed-in unit's estimate for the selected year: its list item, or null when none exists yet. */
export function useMyEstimateItem() {
  const me = useMe();
  const { year } = useSession();
  return useQuery({
    queryKey: ['my-estimate', me.unitId, year],
    enabled: year !== null,
    queryFn: async () => {
      const page = await ok(api.GET('/estimates', { params: { query: { year: year!, unitId: me.unitId } } }));
      return page.items[0] ?? null;
    },
  });
}

export function useEstimate(id: string | undefined) {
  return useQuery({
    queryKey: estimateKey(id ?? ''),
    enabled: !!id,
    queryFn: () => ok(api.GET('/estimates/{id}', { params: { path: { id: id! } } })),
  });
}

export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    staleTime: Infinity,
    queryFn: () => ok(api.GET('/catalog')),
  });
}
