"""Job titles a byline runs after a name ("Jane Doe, Senior Editor", "Jane Doe Staff Writer",
"Paul Frew, Home and Digital Security Expert"), in English and the usual other languages of news
pages: the name is the author, the title is not part of it nor a second author.
"""

from __future__ import annotations

import re

# The noun a job title ends with.
ROLE_HEADS = (
    r"writer|reporter|correspondent|editor(?:-at-large|-in-chief)?|contributor|columnist|photographer|reviewer|"
    r"producer|journalist|analyst|critic|(?:co-?)?founder|consultant|expert|attorney|lawyer|specialist|strategist|"
    r"manager|director|officer|coordinator|designer|developer|engineer|scientist|researcher|professor|lecturer|"
    r"intern|assistant|ceo|cto|cfo|coo|cmo|blogger|anchor|nutritionist|dietitian|therapist|clinician|"
    # French, German, Italian, Spanish, Portuguese, Dutch and Scandinavian titles.
    r"rédact(?:eur|rice)|journaliste|correspondante?|chroniqueu(?:r|se)|redakteur(?:in)?|journalistin|"
    r"korrespondent(?:in)?|autorin|giornalista|redat(?:tore|trice)|corrispondente|periodista|redactor(?:a)?|"
    r"corresponsal|columnista|jornalista|repórter|redacteur|verslaggever|skribent|reporterin"
)
# Words that qualify the noun ("Senior", "Content Marketing", "Home and Digital Security").
ROLE_QUALIFIERS = (
    r"staff|senior|junior|chief|contributing|special|political|foreign|guest|associate|deputy|managing|lead|news|"
    r"sports?|business|science|health|tech|technology|former|freelance|executive|general|editorial|content|"
    r"marketing|digital|social|media|communications?|product|sales|data|creative|copy|technical|travel|food|"
    r"features?|art|research|legal|medical|clinical|financial|finance|home|security|web|seo|community|growth|"
    r"brand|public|relations|investment|property|real|estate|wine|beauty|fashion|lifestyle|culture|"
    r"entertainment|music|film|books|opinion|economics|politics|environment|climate|education|shipping|"
    r"commerce|ecommerce|e-commerce|audience|video|photo|graphic|visual|online|global|regional|national|"
    r"international|local|city|state|white|house|washington|europe|asia|africa|america|middle|east|"
    r"principal|certified|registered|licensed|account|program|project|operations|engagement|and|&"
)
# A job title ending a byline part, with the words qualifying it ("Senior Editor" of "Jane Doe Senior
# Editor"), or a place ("in Paris").
ROLE_WORDS = re.compile(rf"(?:^|\s|,)(?:(?:{ROLE_QUALIFIERS})\s+)*(?:{ROLE_HEADS})s?\s*$|\s+in\s+[A-Z][a-z]+$", re.I)
# A job title after a comma ending the whole byline, even one that holds "and" ("Paul Frew, Home
# and Digital Security Expert"): cut before the byline is split into names.
# Qualifiers may be hyphenated ("Home- and Digital-Security Expert"); the title may end with where
# the person holds it ("Trial Attorney at Morgan & Morgan") or lead with "Head of", "Director of";
# two words of any field may stand before and after the qualifiers ("Trial Attorney", "Privacy and
# Digital Security Expert"): after a comma, closing the byline, a phrase ending in a role noun is a
# title, never a name.
QUALIFIER = rf"(?:{ROLE_QUALIFIERS})(?:-(?:{ROLE_QUALIFIERS})?)?"
TRAILING_ROLE = re.compile(rf",\s*(?:(?:[\w-]+\s+){{0,2}}(?:(?:{QUALIFIER})\s+)*(?:[\w-]+\s+){{0,2}}(?:{ROLE_HEADS})s?|head|vice president|"
                           rf"(?:{ROLE_HEADS}) of)(?:\s+(?:at|of|for|with)\s.*)?\s*$", re.I)
# A job title run into the name with no comma ("Liz Kenny Former McKinsey Consultant"): the name ends
# where the title's first word begins.
ROLE_START = re.compile(r"\s+(?:former|senior|chief|contributing|staff|guest|associate|deputy|managing|freelance)\b.*$", re.I)
